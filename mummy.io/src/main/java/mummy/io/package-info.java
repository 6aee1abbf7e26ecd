/**
 * The Mummy HTTP/1.1 server: {@code mummy.io.Server} and its builder.
 */
package mummy.io;
