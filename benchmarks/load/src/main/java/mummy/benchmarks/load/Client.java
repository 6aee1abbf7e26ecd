package mummy.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A blocking HTTP/1.1 and WebSocket client connection for the checks, the idle connections and the
 * soak: exact bytes out, {@link ResponseReader} in; {@link #abort} ends it with a reset.
 *
 * <p>Threading: one thread at a time; {@link #close} and {@link #abort} may come from any thread
 * and end a blocked read.
 */
final class Client implements AutoCloseable {

    static final byte[] HELLO = ResponseReader.ascii("Hello, World!");

    private final Socket socket;
    private final OutputStream out;
    private final BufferedInputStream in;
    private final ResponseReader reader;
    private final String authority;

    private Client(Socket socket, String authority) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 8 * 1024);
        this.reader = new ResponseReader(in);
        this.authority = authority;
    }

    /** Connects with {@code TCP_NODELAY} and a read timeout. */
    static Client connect(InetSocketAddress server, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.setTcpNoDelay(true);
            return new Client(socket, server.getHostString() + ":" + server.getPort());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** The bytes of a request with the usual Host field. */
    byte[] request(String method, String target, byte[] body) {
        return request(method, target, "", body);
    }

    /**
     * The bytes of a request with the usual Host field, {@code fields} (each ending in CRLF) and,
     * unless {@code body} is null, {@code Content-Length} and the body.
     */
    byte[] request(String method, String target, String fields, byte[] body) {
        byte[] headBytes = ResponseReader.ascii(head(method, target, fields
                + (body == null ? "" : "Content-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n")));
        if (body == null) {
            return headBytes;
        }
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /** A request head with the usual Host field and {@code fields} (each ending in CRLF). */
    String head(String method, String target, String fields) {
        return method + " " + target + " HTTP/1.1\r\nHost: " + authority + "\r\n" + fields + "\r\n";
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    HttpResponse exchange(String method, String target, byte[] body) throws IOException {
        write(request(method, target, body));
        return reader.next(method.equals("HEAD"));
    }

    HttpResponse next() throws IOException {
        return reader.next(false);
    }

    /**
     * Performs the WebSocket opening handshake on {@code path}.
     *
     * @return null when the server switched protocols, else what it answered instead
     */
    String upgrade(String path) throws IOException {
        String key = WsFrames.newKey();
        int port = socket.getPort();
        write(WsFrames.upgradeRequest(socket.getInetAddress().getHostAddress(), port, path, key));
        return WsFrames.handshakeProblem(reader.next(false), key);
    }

    /**
     * Sends a random binary message and checks that the echo is one final binary frame with the
     * same bytes.
     *
     * @return null when it is, else what differs
     */
    String echoBinary(int size) throws IOException {
        byte[] payload = new byte[size];
        ThreadLocalRandom.current().nextBytes(payload);
        ByteBuffer frame = ByteBuffer.allocate(WsFrames.maskedHeaderLength(size) + size);
        WsFrames.putMasked(frame, WsFrames.BINARY, payload, ThreadLocalRandom.current().nextInt());
        write(frame.array());
        WsFrames.Frame echo = WsFrames.read(in);
        if (!echo.fin() || echo.opcode() != WsFrames.BINARY) {
            return "echo frame fin=" + echo.fin() + " opcode=" + echo.opcode();
        }
        int differs = Arrays.mismatch(payload, echo.payload());
        return differs < 0 ? null : "echo of " + echo.payload().length + " bytes differs at byte " + differs;
    }

    /**
     * Blocks until the peer closes or this client is closed.
     *
     * @return true when the peer closed (or reset) the connection, false when bytes arrived instead
     */
    boolean awaitPeerClose() throws IOException {
        return awaitPeerClose(0);
    }

    /**
     * Waits up to {@code timeoutMillis} (0: for ever) for the peer to close.
     *
     * @return true when the peer closed, false when bytes arrived instead
     * @throws java.net.SocketTimeoutException when neither happened in time
     */
    boolean awaitPeerClose(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        return in.read() < 0;
    }

    /** The buffered input, for reading frames or raw bytes between responses. */
    BufferedInputStream input() {
        return in;
    }

    /** The socket's output, unbuffered: each write is one send. */
    OutputStream output() {
        return out;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    /** Ends the connection with a reset (RST, {@code SO_LINGER} 0) instead of a FIN. */
    void abort() {
        Sockets.abortQuietly(socket);
    }

    @Override
    public void close() {
        Sockets.closeQuietly(socket);
    }
}
