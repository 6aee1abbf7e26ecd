/**
 * The Mummy HTTP/1.1 server: {@link mummy.io.Server} and its
 * {@link mummy.io.Server.Builder builder}.
 */
package mummy.io;
