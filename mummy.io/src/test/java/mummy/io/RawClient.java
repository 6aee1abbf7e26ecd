package mummy.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A blocking test client over a plain socket: writes exact bytes, reads responses byte by byte. */
final class RawClient implements AutoCloseable {

    /** A response as read off the wire. */
    record Response(String statusLine, Map<String, String> headers, byte[] body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        this(connect(port));
    }

    /** A client over a socket already connected, such as a {@code SocketChannel}'s in blocking mode. */
    RawClient(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(15_000);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return socket;
    }

    RawClient send(String ascii) throws IOException {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    Socket socket() {
        return socket;
    }

    /** The buffered input: read through it once a response head was read through this client. */
    InputStream input() {
        return in;
    }

    /** Reads one response; HEAD responses and 1xx/204/304 have no body. */
    Response read(boolean head) throws IOException {
        String statusLine = line();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String field = line(); !field.isEmpty(); field = line()) {
            int colon = field.indexOf(':');
            headers.merge(field.substring(0, colon).toLowerCase(Locale.ROOT), field.substring(colon + 1).strip(),
                    (a, b) -> a + ", " + b);
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        byte[] body = new byte[0];
        if (!head && status >= 200 && status != 204 && status != 304) {
            String length = headers.get("content-length");
            body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
        }
        return new Response(statusLine, headers, body);
    }

    Response read() throws IOException {
        return read(false);
    }

    /** Reads until the server closes; returns everything. */
    String readToEnd() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** Whether the server closed the connection (EOF or reset) without sending more. */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed in the middle of a response head: " + line);
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
