package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mummy.api.Request;
import mummy.api.RequestHandler;
import mummy.api.Router;
import mummy.io.Server;
import mummy.web.tus.CompletedUpload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent tus client against {@link TusServer}: {@code node-tests/tus-upload.mjs} uploads a
 * random 3 MiB file with tus-js-client (its Node HTTP stack) in 256 KiB PATCHes, aborts during the
 * third, and resumes with a new upload object from the stored URL. The server side checks the
 * assembled file's SHA-256 and, from its own log of requests, that the resume asked for the
 * offset and went on from a non-zero one without creating a second upload.
 */
class TusJsClientTest {

    private static final int SIZE = 3 * 1024 * 1024;
    private static final Pattern RESUMED = Pattern.compile("resumed from offset (\\d+)");

    @TempDir
    Path directory;

    @Test
    void tusJsClientUploadsAbortsAndResumesFromTheOffsetTheServerKept() throws Exception {
        NodeTools.setup();
        byte[] data = new byte[SIZE];
        new Random(7).nextBytes(data);
        Path file = directory.resolve("random.bin");
        Files.write(file, data);
        List<CompletedUpload> completed = new CopyOnWriteArrayList<>();
        List<String> requests = new CopyOnWriteArrayList<>();
        Router router = TusServer.router(TusServer.uploads(directory.resolve("uploads"), completed::add));
        try (Server server = Server.builder().handler(recording(router, requests)).build()) {
            int port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
            NodeTools.Result result = NodeTools.node("tus-upload.mjs", Duration.ofSeconds(120),
                    Integer.toString(port), file.toString());
            System.getLogger("mummy.test").log(System.Logger.Level.INFO, "tus-upload.mjs:\n{0}\nrequests: {1}",
                    result.output(), requests);
            assertEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().strip().endsWith("tus test passed"), result.output());

            assertEquals(1, completed.size());
            CompletedUpload done = completed.getFirst();
            assertEquals(SIZE, done.length());
            assertEquals("random.bin", done.metadata().text("filename"));
            assertArrayEquals(sha256(data), sha256(Files.readAllBytes(done.file())), "the assembled file is the original");

            assertEquals(1, requests.stream().filter(r -> r.startsWith("POST")).count(), "one upload created");
            assertTrue(requests.stream().filter(r -> r.startsWith("PATCH")).count() > 1, requests.toString());
            int head = requests.indexOf(requests.stream().filter(r -> r.startsWith("HEAD")).findFirst().orElseThrow());
            String firstResumed = requests.subList(head, requests.size()).stream()
                    .filter(r -> r.startsWith("PATCH")).findFirst().orElseThrow();
            Matcher resumed = RESUMED.matcher(result.output());
            assertTrue(resumed.find(), result.output());
            assertTrue(Long.parseLong(resumed.group(1)) > 0, result.output());
            assertEquals("PATCH " + resumed.group(1), firstResumed,
                    "after HEAD the client went on from the offset the server reported: " + requests);
        }
    }

    /** The router, noting each request's method and {@code Upload-Offset} as it arrives. */
    private static RequestHandler recording(Router router, List<String> requests) {
        return new RequestHandler() {
            @Override
            public void handle(Request request) throws Exception {
                String offset = request.headers().get("Upload-Offset");
                requests.add(request.method() + (offset == null ? "" : " " + offset));
                router.handle(request);
            }

            @Override
            public boolean streamsBody(String method, String target) {
                return router.streamsBody(method, target);
            }
        };
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
