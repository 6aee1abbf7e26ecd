package mummy.io.internal.ws;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The inflation loop of permessage-deflate (RFC 7692 7.2.2): feeds one frame's data, or the
 * appended tail, to zlib and collects the output in bounded chunks, so that a limit is enforced
 * within {@value PerMessageDeflate#INFLATE_CHUNK} bytes of output, however well the data compresses.
 *
 * <p>Threading: stateless; called by the IO thread with the connection's inflater.
 */
final class Inflation {

    private Inflation() {
    }

    /**
     * Inflates {@code input}.
     *
     * @param inflater the connection's inflater, raw DEFLATE
     * @param input the data
     * @param tail whether the input is the tail appended after a message's final frame
     * @param out where the inflated bytes go
     * @param limit the most bytes {@code out} may hold
     * @throws WsProtocolException 1009 when the output passes the limit, 1007 for invalid data
     */
    static void run(Inflater inflater, byte[] input, boolean tail, GrowableBytes out, long limit)
            throws WsProtocolException {
        if (inflater.finished()) {
            // RFC 7692 7.2.3.4: a block with BFINAL set ended the stream; the appended tail is
            // not needed, and further data starts a new stream
            if (tail) {
                return;
            }
            inflater.reset();
        }
        inflater.setInput(input);
        while (true) {
            out.reserve((int) Math.min(PerMessageDeflate.INFLATE_CHUNK, limit + 1 - out.size()), limit + 1);
            int room = (int) Math.min(out.capacity() - out.size(), limit + 1 - out.size());
            int produced = inflate(inflater, out, room);
            // RFC 6455 7.4.1, RFC 7692 8: 1009 as soon as the inflated message passes the limit
            if (out.size() > limit) {
                throw WsProtocolException.tooBig("inflated message longer than the limit");
            }
            if (produced == room) {
                continue;
            }
            int left = inflater.getRemaining();
            if (inflater.finished() && left > 0 && !tail) {
                // RFC 7692 7.2.3.4: what follows a final block starts a new stream
                inflater.reset();
                inflater.setInput(input, input.length - left, left);
            } else if (inflater.finished() || inflater.needsInput()) {
                return;
            } else {
                // a preset dictionary is never negotiated (RFC 7692 7.2.2)
                throw WsProtocolException.invalidPayload("compressed data cannot be inflated");
            }
        }
    }

    private static int inflate(Inflater inflater, GrowableBytes out, int room) throws WsProtocolException {
        try {
            int produced = inflater.inflate(out.array(), out.size(), room);
            out.advance(produced);
            return produced;
        } catch (DataFormatException e) {
            // RFC 6455 7.4.1: 1007, data not consistent with the type of the message
            throw WsProtocolException.invalidPayload("invalid DEFLATE data");
        }
    }
}
