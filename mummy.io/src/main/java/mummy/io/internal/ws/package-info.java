/**
 * The WebSocket protocol codec (RFC 6455, RFC 7692): pure code, no IO.
 *
 * <p>Inbound, per connection and on the IO thread only: {@link mummy.io.internal.ws.WsFrameReader}
 * turns bytes into {@link mummy.io.internal.ws.Frame}s (framing checks, unmasking), then
 * {@link mummy.io.internal.ws.WsMessageAssembler} turns frames into
 * {@link mummy.io.internal.ws.WsInbound} messages and control frames (fragmentation, UTF-8,
 * Close payloads, inflation through {@link mummy.io.internal.ws.PerMessageDeflate}). Every
 * protocol violation is a {@link mummy.io.internal.ws.WsProtocolException} carrying the close code
 * to send; the reader and assembler are dead after one. A text message leaves the assembler as its
 * validated UTF-8 bytes: the IO thread never decodes text, the worker's
 * {@link mummy.api.WebSocketEvent.Message#asText()} does, once.
 *
 * <p>Outbound, from any thread: {@link mummy.io.internal.ws.WsFrameEncoder} writes a frame's
 * header and payload into one array, so one write carries both.
 *
 * <p>The opening handshake is {@link mummy.io.internal.ws.WsHandshake}: it validates an upgrade
 * request and gives the 101 response fields, or the rejection to send.
 */
package mummy.io.internal.ws;
