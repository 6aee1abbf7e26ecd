package mummy.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;

/**
 * The test side of the tus protocol: requests through {@link HttpClient} (HTTP/1.1) with
 * {@code Tus-Resumable: 1.0.0} unless told otherwise, and raw requests over a plain socket for
 * targets an HTTP client would normalise.
 */
final class TusClient implements AutoCloseable {

    static final String OCTETS = "application/offset+octet-stream";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    TusClient(int port) {
        this.port = port;
    }

    /** A request to {@code path} with {@code Tus-Resumable: 1.0.0} and the given fields. */
    HttpResponse<String> send(String method, String path, byte[] body, String... headers) throws Exception {
        return sendWithout(method, path, body, concat(new String[] {"Tus-Resumable", "1.0.0"}, headers));
    }

    /** A request with exactly the given fields (so without {@code Tus-Resumable} unless given). */
    HttpResponse<String> sendWithout(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates an upload of {@code length} bytes; its path, such as {@code /files/0af3...}. */
    String create(long length, String... headers) throws Exception {
        HttpResponse<String> response = send("POST", "/files/", null,
                concat(new String[] {"Upload-Length", Long.toString(length)}, headers));
        if (response.statusCode() != 201) {
            throw new AssertionError("creation answered " + response.statusCode() + ": " + response.body());
        }
        return response.headers().firstValue("Location").orElseThrow();
    }

    HttpResponse<String> patch(String path, long offset, byte[] chunk, String... headers) throws Exception {
        return send("PATCH", path, chunk, concat(new String[] {"Content-Type", OCTETS,
                "Upload-Offset", Long.toString(offset)}, headers));
    }

    HttpResponse<String> head(String path) throws Exception {
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
