/**
 * The server's JFR events ({@code mummy.HttpRequest}, {@code mummy.WebSocketSession},
 * {@code mummy.ConnectionClosed}, {@code mummy.IoLoopStall}) and {@link mummy.io.internal.jfr.Jfr},
 * which keeps them free until a recorder exists; {@code mummy/io/mummy.jfc} enables them all.
 */
package mummy.io.internal.jfr;
