/**
 * Cross-origin resource sharing (the Fetch standard's CORS protocol) as a ready
 * {@link mummy.api.Filter}: {@link mummy.web.cors.Cors}.
 */
package mummy.web.cors;
