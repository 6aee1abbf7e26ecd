package mummy.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import mummy.api.HttpHeaders;
import mummy.testing.TestClient;
import mummy.testing.TestResponse;

/**
 * The test side of the tus protocol: requests through the kit's {@link TestClient} with
 * {@code Tus-Resumable: 1.0.0} unless told otherwise, and raw requests over a plain socket for
 * targets an HTTP client would normalise.
 */
final class TusClient implements AutoCloseable {

    static final String OCTETS = "application/offset+octet-stream";

    private final TestClient client;
    private final int port;

    TusClient(int port) {
        this.client = TestClient.create(port);
        this.port = port;
    }

    /** A request to {@code path} with {@code Tus-Resumable: 1.0.0} and the given fields. */
    TestResponse send(String method, String path, byte[] body, String... headers) throws Exception {
        return sendWithout(method, path, body, concat(new String[] {"Tus-Resumable", "1.0.0"}, headers));
    }

    /** A request with exactly the given fields (so without {@code Tus-Resumable} unless given). */
    TestResponse sendWithout(String method, String path, byte[] body, String... headers) {
        return client.request(method, path, HttpHeaders.of(headers), body);
    }

    /** Creates an upload of {@code length} bytes; its path, such as {@code /files/0af3...}. */
    String create(long length, String... headers) throws Exception {
        TestResponse response = send("POST", "/files/", null,
                concat(new String[] {"Upload-Length", Long.toString(length)}, headers));
        if (response.status() != 201) {
            throw new AssertionError("creation answered " + response.status() + ": " + response.text());
        }
        return response.header("Location");
    }

    TestResponse patch(String path, long offset, byte[] chunk, String... headers) throws Exception {
        return send("PATCH", path, chunk, concat(new String[] {"Content-Type", OCTETS,
                "Upload-Offset", Long.toString(offset)}, headers));
    }

    TestResponse head(String path) throws Exception {
        return send("HEAD", path, null);
    }

    /** {@code head} and the rest of a raw request, sent with {@code Connection: close}; the answer. */
    String raw(String head) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** {@code "<algorithm> <Base64 digest>"} of {@code data}, as tus's Checksum extension spells it. */
    static String checksum(String algorithm, String jdkName, byte[] data) throws Exception {
        return algorithm + " " + Base64.getEncoder().encodeToString(MessageDigest.getInstance(jdkName).digest(data));
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Override
    public void close() {
        client.close();
    }
}
