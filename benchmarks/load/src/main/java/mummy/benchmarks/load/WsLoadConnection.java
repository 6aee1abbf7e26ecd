package mummy.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One WebSocket of the echo load: sends a binary message of a fixed size, waits for the echo,
 * checks every byte of it, then sends the next; one message in flight at a time.
 *
 * <p>Threading: opened by the main thread, then used only by the {@link WsLoadLoop} it belongs to.
 */
final class WsLoadConnection {

    /** What one readable event amounted to. */
    enum Progress { WAITING, ECHOED }

    final int id;
    final SocketChannel channel;
    private final byte[] payload;
    private final ByteBuffer out;
    private final ByteBuffer in;
    private int sequence;
    private long sentAt;
    private boolean awaiting;

    private WsLoadConnection(int id, SocketChannel channel, int size) {
        this.id = id;
        this.channel = channel;
        this.payload = new byte[size];
        this.out = ByteBuffer.allocateDirect(WsFrames.maskedHeaderLength(size) + size);
        this.in = ByteBuffer.allocateDirect(Math.max(64 * 1024, size + 16));
    }

    /**
     * Connects and performs the opening handshake, blocking; leaves the channel non-blocking with
     * {@code TCP_NODELAY} set.
     *
     * @throws IOException when the connection or the handshake fails
     */
    static WsLoadConnection open(int id, InetSocketAddress server, String path, int size) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().connect(server, 5_000);
            channel.socket().setSoTimeout(5_000);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            String key = WsFrames.newKey();
            channel.write(ByteBuffer.wrap(WsFrames.upgradeRequest(server.getHostString(), server.getPort(), path, key)));
            BufferedInputStream stream = new BufferedInputStream(channel.socket().getInputStream(), 1024);
            String problem = WsFrames.handshakeProblem(new ResponseReader(stream).next(false), key);
            if (problem != null) {
                throw new IOException("handshake on " + path + " failed: " + problem);
            }
            if (stream.available() > 0) {
                throw new IOException("bytes after the 101 before any message was sent");
            }
            channel.configureBlocking(false);
            return new WsLoadConnection(id, channel, size);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    boolean awaiting() {
        return awaiting;
    }

    long sentAt() {
        return sentAt;
    }

    /**
     * Writes the next message; a frame this small always fits the socket buffer of an idle
     * connection, so a short write is reported as a failure rather than waited for.
     *
     * @throws IOException on a write error or a short write
     */
    void send(long now) throws IOException {
        sequence++;
        int base = id * 31 + sequence;
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (base + i);
        }
        out.clear();
        WsFrames.putMasked(out, WsFrames.BINARY, payload, base * 0x9E3779B9);
        out.flip();
        channel.write(out);
        if (out.hasRemaining()) {
            throw new IOException("short write of a " + out.limit() + "-byte frame");
        }
        sentAt = now;
        awaiting = true;
    }

    /**
     * Reads what arrived and checks the echo once it is complete.
     *
     * @return whether the echo is complete (and correct)
     * @throws IOException on a read error, a close, or an echo that is not the message sent
     */
    Progress onReadable() throws IOException {
        if (channel.read(in) < 0) {
            throw new IOException("closed by the server at message " + sequence);
        }
        in.flip();
        try {
            return checkEcho();
        } finally {
            in.compact();
        }
    }

    private Progress checkEcho() throws IOException {
        int header = WsFrames.serverHeaderLength(in);
        if (header < 0) {
            return Progress.WAITING;
        }
        int b0 = in.get(in.position()) & 0xff;
        int opcode = b0 & 0x0f;
        if (opcode == WsFrames.CLOSE) {
            throw new IOException("close frame from the server at message " + sequence);
        }
        if (opcode != WsFrames.BINARY || (b0 & 0x80) == 0) {
            throw new IOException("expected one final binary frame, got opcode " + opcode + " fin " + (b0 >>> 7));
        }
        if ((in.get(in.position() + 1) & 0x80) != 0) {
            throw new IOException("the server masked a frame");
        }
        long length = WsFrames.serverPayloadLength(in);
        if (length != payload.length) {
            throw new IOException("echo of " + length + " bytes for a " + payload.length + "-byte message");
        }
        if (in.remaining() < header + length) {
            return Progress.WAITING;
        }
        ByteBuffer echoed = in.slice(in.position() + header, payload.length);
        int differs = echoed.mismatch(ByteBuffer.wrap(payload));
        if (differs >= 0) {
            throw new IOException("echo differs at byte " + differs + " of message " + sequence);
        }
        in.position(in.position() + header + payload.length);
        if (in.hasRemaining()) {
            throw new IOException(in.remaining() + " unexpected bytes after the echo of message " + sequence);
        }
        awaiting = false;
        return Progress.ECHOED;
    }

    void closeQuietly() {
        Sockets.closeQuietly(channel);
    }
}
