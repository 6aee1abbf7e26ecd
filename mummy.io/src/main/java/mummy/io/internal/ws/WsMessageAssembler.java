package mummy.io.internal.ws;

/**
 * Reassembles messages from frames (RFC 6455 sections 5.4, 5.5, 8.1; RFC 7692 section 6 for
 * compressed messages) and checks what the frame reader cannot: the order of fragments, UTF-8
 * text, Close payloads, the message length limit.
 *
 * <p>Threading: IO thread only; one instance per connection, fed by that connection's
 * {@link WsFrameReader}. When permessage-deflate is negotiated, it uses the connection's
 * {@link PerMessageDeflate} for inflation, which is also IO-thread only.
 *
 * <pre>
 *   IDLE --TEXT/BINARY fin=0--&gt; OPEN --CONTINUATION fin=0--&gt; OPEN
 *   IDLE --TEXT/BINARY fin=1--&gt; message returned, IDLE
 *   OPEN --CONTINUATION fin=1--&gt; message returned, IDLE
 *   IDLE, OPEN --Close/Ping/Pong--&gt; control frame returned, state unchanged (RFC 6455 5.4)
 *   any state --(WsProtocolException)--&gt; DEAD
 * </pre>
 *
 * <p>Text is validated incrementally, frame by frame, so invalid UTF-8 fails at the first frame
 * that makes it invalid, while a sequence split across frames is fine; {@link #checkPartial}
 * also checks an uncompressed frame's payload while it arrives, to fail before it is complete. The length limit is
 * checked on every frame, after inflation for a compressed message: inflation itself stops as
 * soon as the limit is passed, so a zip bomb costs at most the limit plus one chunk. A text
 * message leaves as its validated bytes ({@link WsInbound.Text}): the IO thread never decodes it.
 */
public final class WsMessageAssembler {

    private final long maxMessageLength;
    private final PerMessageDeflate deflate;
    private final Utf8Validator utf8 = new Utf8Validator();
    private final GrowableBytes message = new GrowableBytes();

    /** The opcode of the open message, or null when no fragmented message is open. */
    private Opcode open;
    private boolean compressed;
    /** The length of the open message so far, after inflation. */
    private long length;
    /** Bytes at the start of the frame being read that {@link #checkPartial} has validated. */
    private int validatedPrefix;
    private boolean dead;

    /**
     * An assembler for one connection.
     *
     * @param maxMessageLength the longest message accepted (after inflation); longer ones fail
     *     with 1009
     * @param deflate the connection's permessage-deflate state, or null when not negotiated
     * @throws IllegalArgumentException if the limit is negative
     */
    public WsMessageAssembler(long maxMessageLength, PerMessageDeflate deflate) {
        if (maxMessageLength < 0) {
            throw new IllegalArgumentException("maxMessageLength must not be negative: " + maxMessageLength);
        }
        this.maxMessageLength = Math.min(maxMessageLength, GrowableBytes.MAX_ARRAY_LENGTH);
        this.deflate = deflate;
    }

    /**
     * Feeds one frame.
     *
     * @param frame the next frame from the reader
     * @return a whole data message, a control frame (also between fragments), or null while a
     *     fragmented message is incomplete
     * @throws WsProtocolException on a protocol violation; the assembler is dead afterwards
     * @throws IllegalStateException if called after a {@link WsProtocolException}
     */
    public WsInbound accept(Frame frame) throws WsProtocolException {
        if (dead) {
            throw new IllegalStateException("the assembler failed on an earlier frame; the connection must fail");
        }
        try {
            return switch (frame.opcode()) {
                case TEXT, BINARY -> first(frame);
                case CONTINUATION -> continuation(frame);
                case PING -> new WsInbound.Ping(control(frame));
                case PONG -> new WsInbound.Pong(control(frame));
                case CLOSE -> ClosePayload.parse(control(frame));
            };
        } catch (WsProtocolException e) {
            dead = true;
            throw e;
        }
    }

    /**
     * Checks the part of a frame received so far, while its payload is still arriving: invalid
     * UTF-8 in an uncompressed text message fails at once, not when the frame is complete (RFC
     * 6455 8.1: "MUST Fail the WebSocket Connection" when invalid UTF-8 is received; Autobahn cases
     * 6.4.3 and 6.4.4 send one frame in chops and expect this). The bytes checked here are not
     * checked again when {@link #accept} gets the frame. Other frames are left to {@link #accept}.
     *
     * @param reader the connection's reader, after a {@link WsFrameReader#read read} that returned
     *     null
     * @throws WsProtocolException with 1007 if the text so far is not valid UTF-8; the assembler
     *     is dead afterwards
     */
    public void checkPartial(WsFrameReader reader) throws WsProtocolException {
        FrameHeader header = reader.partialHeader();
        if (dead || header == null || header.rsv1() || !continuesText(header.opcode())) {
            return;
        }
        int size = reader.partialSize();
        if (size > validatedPrefix) {
            if (!utf8.feed(reader.partialPayload(), validatedPrefix, size - validatedPrefix)) {
                dead = true;
                throw WsProtocolException.invalidPayload("text message is not valid UTF-8");
            }
            validatedPrefix = size;
        }
    }

    /** Whether a frame with this opcode (and no RSV1) is a valid next part of an uncompressed text message. */
    private boolean continuesText(Opcode opcode) {
        return opcode == Opcode.TEXT ? open == null : opcode == Opcode.CONTINUATION && open == Opcode.TEXT && !compressed;
    }

    /** Checks a control frame (the reader checks these too) and returns its payload. */
    private static byte[] control(Frame frame) throws WsProtocolException {
        // RFC 7692 6.1: RSV1 ("Per-Message Compressed") is never set on control frames
        if (frame.rsv1()) {
            throw WsProtocolException.protocol("RSV1 set on a control frame");
        }
        // RFC 6455 5.5: control frames are not fragmented and carry at most 125 bytes
        if (!frame.fin()) {
            throw WsProtocolException.protocol("fragmented control frame");
        }
        if (frame.payload().length > FrameHeader.MAX_CONTROL_PAYLOAD) {
            throw WsProtocolException.protocol("control frame payload longer than 125 bytes");
        }
        return frame.payload();
    }

    private WsInbound first(Frame frame) throws WsProtocolException {
        // RFC 6455 5.4: the fragments of one message are not interleaved with another message
        if (open != null) {
            throw WsProtocolException.protocol("new data frame while a fragmented message is open");
        }
        // RFC 7692 6: RSV1 on the first frame marks a compressed message, when negotiated
        if (frame.rsv1() && deflate == null) {
            throw WsProtocolException.protocol("RSV1 set without a negotiated extension");
        }
        open = frame.opcode();
        compressed = frame.rsv1();
        return append(frame);
    }

    private WsInbound continuation(Frame frame) throws WsProtocolException {
        // RFC 6455 5.4: a continuation frame continues a message started by a TEXT or BINARY frame
        if (open == null) {
            throw WsProtocolException.protocol("continuation frame without a started message");
        }
        // RFC 7692 6.1: RSV1 is set on the first frame of a message only
        if (frame.rsv1()) {
            throw WsProtocolException.protocol("RSV1 set on a continuation frame");
        }
        return append(frame);
    }

    private WsInbound append(Frame frame) throws WsProtocolException {
        byte[] data = compressed
                ? deflate.decompress(frame.payload(), frame.fin(), maxMessageLength - length)
                : frame.payload();
        // RFC 6455 7.4.1: 1009 as soon as the message passes the limit
        if (data.length > maxMessageLength - length) {
            throw WsProtocolException.tooBig("message longer than " + maxMessageLength + " bytes");
        }
        // RFC 6455 8.1: text is UTF-8; checked per frame to fail at the first invalid byte (a
        // prefix of an uncompressed frame may have been checked already, by checkPartial)
        int checked = compressed ? 0 : validatedPrefix;
        validatedPrefix = 0;
        if (open == Opcode.TEXT && !utf8.feed(data, checked, data.length - checked)) {
            throw WsProtocolException.invalidPayload("text message is not valid UTF-8");
        }
        length += data.length;
        if (!frame.fin()) {
            message.append(data, 0, data.length, maxMessageLength);
            return null;
        }
        // RFC 6455 8.1: a text message does not end inside a UTF-8 sequence
        if (open == Opcode.TEXT && !utf8.isComplete()) {
            throw WsProtocolException.invalidPayload("text message ends inside a UTF-8 sequence");
        }
        byte[] whole = data;
        if (message.size() > 0) {
            message.append(data, 0, data.length, maxMessageLength);
            whole = message.take();
        }
        Opcode opcode = open;
        open = null;
        length = 0;
        utf8.reset();
        // the validated bytes are the message: decoding is left to the worker that wants a String
        return opcode == Opcode.TEXT ? new WsInbound.Text(whole) : new WsInbound.Binary(whole);
    }
}
