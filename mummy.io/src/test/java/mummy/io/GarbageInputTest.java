package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Random bytes on a connection get an error status or a close, and harm no other connection. */
class GarbageInputTest {

    private static final int GARBAGE_LENGTH = 64 * 1024;
    /**
     * The answer to garbage: the response to a valid request sent before it, if any, then one
     * error response, then the close.
     */
    private static final Pattern ONE_ERROR_RESPONSE = Pattern.compile(
            "(?:HTTP/1\\.1 200 OK\r\n(?:[^\r\n]+\r\n)*\r\nHello, World!)?"
            + "HTTP/1\\.1 [45]\\d\\d [^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n[^\r]*");

    private ServerFailureLog serverLog;
    private TestApp app;

    @BeforeEach
    void start() {
        serverLog = ServerFailureLog.attach();
        app = new TestApp("virtual");
    }

    @AfterEach
    void stop() {
        app.close();
        serverLog.close();
        assertEquals(List.of(), serverLog.failures(), "failures the server logged");
    }

    @ParameterizedTest(name = "seed {0} after \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "1|",
        "2|",
        "3|",
        "20260101|",
        "4|GET / HTTP/1.1\\r\\n",
        "5|GET / HTTP/1.1\\r\\nHost: h\\r\\nX: ",
        "6|GET / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n\\r\\n",
        "7|POST /echo HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n",
        "8|POST /echo HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n10\\r\\n0123456789abcdef",
    })
    void randomBytesGetAnErrorStatusOrACloseWhileOthersAreServed(long seed, String prefix) throws IOException {
        try (RawClient bystander = new RawClient(app.port)) {
            assertServed(bystander, "before");
            byte[] garbage = garbage(seed, prefix == null ? "" : prefix.replace("\\r\\n", "\r\n"));
            try (RawClient client = new RawClient(app.port)) {
                String answer = sendAndReadUntilClosed(client, garbage);
                assertTrue(answer.isEmpty() || ONE_ERROR_RESPONSE.matcher(answer).matches(),
                        "one 4xx/5xx response or a plain close, got: " + answer);
            }
            assertServed(bystander, "on a connection opened before the garbage");
        }
        try (RawClient after = new RawClient(app.port)) {
            assertServed(after, "on a new connection");
        }
    }

    @Test
    void requestWrittenOneByteAtATimeIsServed() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            byte[] request = "GET /n?i=7 HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            for (byte b : request) {
                client.send(new byte[] {b});
                Thread.sleep(1); // give the server a chance to read each byte on its own
            }
            assertEquals("7", client.read().text());
        }
    }

    @Test
    void chunkedBodyWrittenOneByteAtATimeIsEchoed() throws Exception {
        try (RawClient client = new RawClient(app.port)) {
            byte[] request = ("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;x=y\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            for (byte b : request) {
                client.send(new byte[] {b});
                Thread.sleep(1);
            }
            RawClient.Response response = client.read();
            assertEquals(200, response.status());
            assertEquals("hello, world", response.text());
        }
    }

    private static byte[] garbage(long seed, String prefix) {
        byte[] head = prefix.getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[head.length + GARBAGE_LENGTH];
        new Random(seed).nextBytes(bytes);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    /**
     * Writes everything (a server that already answered may reset the connection meanwhile) and
     * reads until the server closes; returns what was read.
     */
    private static String sendAndReadUntilClosed(RawClient client, byte[] bytes) throws IOException {
        try {
            client.send(bytes);
        } catch (IOException resetWhileWriting) {
            // the server refused early and closed; what it answered may still be readable
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        InputStream in = client.socket().getInputStream();
        byte[] buffer = new byte[4096];
        client.socket().setSoTimeout(10_000);
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server neither answered nor closed; read so far: " + answer, e);
        } catch (IOException reset) {
            // a reset also ends the connection
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }

    private static void assertServed(RawClient client, String when) throws IOException {
        client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals("Hello, World!", client.read().text(), when);
    }
}
