package mummy.io.internal.ws;

import java.util.List;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate (RFC 7692): the negotiation, and one connection's compressor and
 * decompressor.
 *
 * <p>Threading: {@link #decompress} is called by the IO thread only (it feeds the
 * {@link WsMessageAssembler}); {@link #compress} by whichever thread encodes an outgoing message,
 * and is {@code synchronized} so that two senders never interleave in the shared compression
 * context (the server also calls it under the connection's send lock, which keeps the compressed
 * messages in the order they go out). {@link #close} is called by the IO thread when the
 * connection ends; a {@link #compress} racing with it fails with {@link IllegalStateException}.
 *
 * <p>Memory: zlib's native state (about 256 KiB for deflate, 40 KiB for inflate) is allocated on
 * first use, not when the connection opens, so a connection that never sends or receives a
 * compressed message costs nothing here. {@link #close} frees it.
 */
public final class PerMessageDeflate implements AutoCloseable {

    /** The extension token (RFC 7692 5.1). */
    static final String EXTENSION_NAME = "permessage-deflate";
    /** Appended to a message's data before inflating, stripped after deflating (RFC 7692 7.2.1, 7.2.2). */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xff, (byte) 0xff};
    /** An empty message compressed after a flush: BFINAL 0, BTYPE 00, padding (RFC 7692 7.2.3.6). */
    private static final byte[] EMPTY_BLOCK = {0x00};
    /** The most inflated bytes produced per zlib call, so a limit is enforced within this much. */
    static final int INFLATE_CHUNK = 16 * 1024;
    /**
     * The largest LZ77 window, 2^15 bytes (RFC 7692 7.1.2), and the only one java.util.zip.Deflater
     * uses. When a client asks for a smaller server window, the server compresses with Huffman
     * coding alone ({@link Deflater#HUFFMAN_ONLY}): literals only, no back-references, which any
     * window size can inflate.
     */
    static final int MAX_WINDOW_BITS = 15;
    /** The smallest LZ77 window, 2^8 bytes (RFC 7692 7.1.2). */
    static final int MIN_WINDOW_BITS = 8;

    /**
     * The negotiated parameters (RFC 7692 section 7.1).
     *
     * @param serverNoContextTakeover the server resets its compression context after each message
     *     (7.1.1.1)
     * @param clientNoContextTakeover the client resets its context after each message, so the
     *     server may reset its decompression context too (7.1.1.2)
     * @param serverMaxWindowBits the server's window limit from the offer (8 to 15; the response
     *     must then name it too), else 0: not sent (7.1.2.1); below 15 the server compresses
     *     without back-references
     * @param clientMaxWindowBits the client's window limit echoed from its offer (8 to 15), or 0:
     *     not sent (7.1.2.2)
     */
    public record Parameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
                             int serverMaxWindowBits, int clientMaxWindowBits) {

        /** Validates the window sizes: 0 (absent) or 8 to 15. */
        public Parameters {
            if (serverMaxWindowBits != 0 && (serverMaxWindowBits < MIN_WINDOW_BITS || serverMaxWindowBits > MAX_WINDOW_BITS)) {
                throw new IllegalArgumentException("server_max_window_bits must be 8 to 15 or absent, got "
                        + serverMaxWindowBits);
            }
            if (clientMaxWindowBits != 0 && (clientMaxWindowBits < MIN_WINDOW_BITS || clientMaxWindowBits > MAX_WINDOW_BITS)) {
                throw new IllegalArgumentException("client_max_window_bits must be 8 to 15 or absent, got "
                        + clientMaxWindowBits);
            }
        }

        /**
         * The extension as it goes in the response's {@code Sec-WebSocket-Extensions} field
         * (RFC 7692 5, 7.1).
         *
         * @return for example {@code permessage-deflate; client_max_window_bits=10}
         */
        public String toHeaderValue() {
            StringBuilder value = new StringBuilder(EXTENSION_NAME);
            if (serverNoContextTakeover) {
                value.append("; server_no_context_takeover");
            }
            if (clientNoContextTakeover) {
                value.append("; client_no_context_takeover");
            }
            if (serverMaxWindowBits != 0) {
                value.append("; server_max_window_bits=").append(serverMaxWindowBits);
            }
            if (clientMaxWindowBits != 0) {
                value.append("; client_max_window_bits=").append(clientMaxWindowBits);
            }
            return value.toString();
        }
    }

    private final Parameters parameters;
    /** Told once that the native memory is freed. */
    private final Runnable onClose;
    private Deflater deflater;
    private Inflater inflater;
    private boolean closed;

    /**
     * The compression state of one connection.
     *
     * @param parameters the negotiated parameters
     */
    public PerMessageDeflate(Parameters parameters) {
        this(parameters, () -> { });
    }

    /**
     * A codec with the negotiated parameters that says when its native memory is freed.
     *
     * @param parameters the negotiated parameters
     * @param onClose run once, by the first {@link #close()}
     */
    public PerMessageDeflate(Parameters parameters, Runnable onClose) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
    }

    /**
     * The negotiated parameters.
     *
     * @return the parameters
     */
    public Parameters parameters() {
        return parameters;
    }

    /**
     * Picks the first acceptable permessage-deflate offer (RFC 7692 5, 7.1). Offers of other
     * extensions are ignored. An offer is declined, and the next one tried, when it has a
     * parameter not defined for an offer, a value that is invalid, or a parameter twice (RFC
     * 7692 7: "a server MUST decline an extension negotiation offer ... if ..."). A
     * {@code server_max_window_bits} below 15 is accepted and honoured by compressing without
     * back-references (see {@link #MAX_WINDOW_BITS}).
     *
     * @param extensionHeaderValues the values of every {@code Sec-WebSocket-Extensions} field of
     *     the request
     * @return the parameters to accept, or null when no offer is acceptable
     */
    public static Parameters negotiate(List<String> extensionHeaderValues) {
        return DeflateNegotiation.firstAcceptable(extensionHeaderValues);
    }

    /**
     * Compresses one whole message (RFC 7692 7.2.1): raw DEFLATE with a sync flush, without the
     * trailing {@code 00 00 FF FF}. The context carries over to the next message unless
     * {@code server_no_context_takeover} was negotiated.
     *
     * @param message the message payload
     * @return the compressed payload, to send with RSV1 set on its first frame
     * @throws IllegalStateException after {@link #close}
     */
    public synchronized byte[] compress(byte[] message) {
        if (closed) {
            throw new IllegalStateException("permessage-deflate state closed");
        }
        if (deflater == null) {
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            if (parameters.serverMaxWindowBits() != 0 && parameters.serverMaxWindowBits() < MAX_WINDOW_BITS) {
                // RFC 7692 7.1.2.1: the client inflates with a window of 2^bits bytes; Deflater has
                // no window setting, so refer back to nothing (literals only, RFC 1951 3.2.5)
                deflater.setStrategy(Deflater.HUFFMAN_ONLY);
                // Deflater applies a new strategy in its next call, which compresses nothing: make it now
                deflater.deflate(new byte[1]);
            }
        }
        deflater.setInput(message);
        GrowableBytes out = new GrowableBytes();
        int room;
        int written;
        do {
            room = Math.max(64, message.length / 2);
            out.reserve(room, GrowableBytes.MAX_ARRAY_LENGTH);
            room = out.capacity() - out.size();
            written = deflater.deflate(out.array(), out.size(), room, Deflater.SYNC_FLUSH);
            out.advance(written);
        } while (written == room);
        if (parameters.serverNoContextTakeover()) {
            deflater.reset();
        }
        // RFC 7692 7.2.1: remove the 4 octets 0x00 0x00 0xff 0xff at the tail end
        if (out.endsWith(TAIL)) {
            out.removeLast(TAIL.length);
            return out.take();
        }
        if (out.size() > 0) {
            throw new IllegalStateException("a sync flush did not end with 00 00 ff ff");
        }
        // zlib writes no second flush marker for an empty message right after a flush; send the
        // header of an empty stored block, which the receiver's appended tail completes (RFC 7692 7.2.3.6)
        return EMPTY_BLOCK.clone();
    }

    /**
     * Inflates one frame's data of a compressed message (RFC 7692 7.2.2), appending
     * {@code 00 00 FF FF} after the final frame's. Stops as soon as the output passes
     * {@code maxOutput}. Resets the context after the message when
     * {@code client_no_context_takeover} was negotiated. A block with BFINAL set ends a DEFLATE
     * stream (RFC 7692 7.2.3.4): data after it starts a new stream, with an empty window.
     *
     * @param data the frame's payload
     * @param finalFrame whether the frame ends the message
     * @param maxOutput the most bytes this call may produce (what remains of the message limit)
     * @return the inflated bytes of this frame
     * @throws WsProtocolException 1009 when the output passes {@code maxOutput}, 1007 when the
     *     data is not valid DEFLATE
     * @throws IllegalStateException after {@link #close}
     */
    public byte[] decompress(byte[] data, boolean finalFrame, long maxOutput) throws WsProtocolException {
        if (closed) {
            throw new IllegalStateException("permessage-deflate state closed");
        }
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        GrowableBytes out = new GrowableBytes();
        long limit = Math.min(Math.max(maxOutput, 0), GrowableBytes.MAX_ARRAY_LENGTH - 1L);
        Inflation.run(inflater, data, false, out, limit);
        if (finalFrame) {
            Inflation.run(inflater, TAIL, true, out, limit);
            if (parameters.clientNoContextTakeover() || inflater.finished()) {
                inflater.reset();
            }
        }
        return out.take();
    }

    /**
     * The bytes inflated since the decompression context was last reset, for tests of the
     * limit's enforcement.
     *
     * @return the count, 0 before first use
     */
    long bytesInflated() {
        return inflater == null ? 0 : inflater.getBytesWritten();
    }

    /** Frees zlib's native memory; later calls to compress or decompress fail. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (deflater != null) {
                deflater.end();
            }
        }
        onClose.run();
        // NOTE: the inflater is touched by the IO thread only, which is also the one that closes.
        if (inflater != null) {
            inflater.end();
        }
    }
}
