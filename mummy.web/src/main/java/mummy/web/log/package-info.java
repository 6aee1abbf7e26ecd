/**
 * An access log as a {@link mummy.api.AfterFilter}: {@link mummy.web.log.AccessLog}.
 */
package mummy.web.log;
