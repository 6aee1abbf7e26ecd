package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import mummy.io.Server;
import mummy.testing.TestResponse;
import mummy.web.tus.CompletedUpload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uploads are keyed by URL: they survive a dropped connection and a server restart, and no URL
 * reaches a file outside the upload directory. Through {@link TusServer}'s sockets.
 */
class TusResumeTest {

    private static final String ID = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path root;

    private final List<CompletedUpload> completed = new CopyOnWriteArrayList<>();

    @Test
    void aRestartedServerOnTheSameDirectoryResumesTheUpload() throws Exception {
        Path directory = root.resolve("uploads");
        byte[] data = random(200_000);
        String upload;
        try (Server server = start(directory); TusClient tus = new TusClient(server.port())) {
            upload = tus.create(data.length, "Upload-Metadata", "filename ZGF0YS5iaW4=");
            assertEquals(204, tus.patch(upload, 0, Arrays.copyOf(data, 70_000)).status());
        }
        try (Server server = start(directory); TusClient tus = new TusClient(server.port())) {
            TestResponse head = tus.head(upload);
            assertEquals("70000", head.header("Upload-Offset"));
            assertEquals("filename ZGF0YS5iaW4=", head.header("Upload-Metadata"));
            assertEquals(204, tus.patch(upload, 70_000, Arrays.copyOfRange(data, 70_000, data.length)).status());
        }
        assertEquals(1, completed.size());
        assertEquals("data.bin", completed.getFirst().metadata().text("filename"));
        assertArrayEquals(data, Files.readAllBytes(completed.getFirst().file()));
    }

    @Test
    void afterAConnectionDropsMidPatchTheClientResumesFromTheOffsetHeadReports() throws Exception {
        byte[] data = random(300_000);
        try (Server server = start(root.resolve("uploads")); TusClient tus = new TusClient(server.port())) {
            String upload = tus.create(data.length);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
                OutputStream out = socket.getOutputStream();
                out.write(("PATCH " + upload + " HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n"
                        + "Content-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
                        + "Content-Length: " + data.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(data, 0, 120_000);
                out.flush();
            }
            // As a tus client does: ask for the offset, send the rest from there; a PATCH that
            // races the server's cleanup of the dropped one gets 409 or 423 and asks again.
            int status = 0;
            for (int attempt = 0; attempt < 100 && status != 204; attempt++) {
                long offset = Long.parseLong(tus.head(upload).header("Upload-Offset"));
                assertTrue(offset <= 120_000, "no more than was sent: " + offset);
                status = tus.patch(upload, offset, Arrays.copyOfRange(data, (int) offset, data.length)).status();
                assertTrue(status == 204 || status == 409 || status == 423, "status " + status);
                if (status != 204) {
                    Thread.sleep(20);
                }
            }
            assertEquals(204, status);
        }
        assertArrayEquals(data, Files.readAllBytes(completed.getFirst().file()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/files/..%2F" + ID, "/files/%2E%2E%2F" + ID, "/files/..%2f..%2f" + ID,
        "/files/0123456789ABCDEF0123456789ABCDEF", "/files/" + ID + "/x", "/files/" + ID + "%00",
        "/files/" + ID + "%2F", "/files/%2F" + ID})
    void pathsThatAreNotIdsGet404AndReachNoFile(String target) throws Exception {
        // A well-formed upload one directory up: only a path escaping the directory could reach it.
        Path directory = root.resolve("uploads");
        Files.writeString(root.resolve(ID + ".info"), "length=5\nmetadata=\n");
        Files.write(root.resolve(ID + ".bin"), new byte[5]);
        try (Server server = start(directory); TusClient tus = new TusClient(server.port())) {
            for (String method : List.of("HEAD", "DELETE", "OPTIONS")) {
                String answer = tus.raw(method + " " + target + " HTTP/1.1\r\nTus-Resumable: 1.0.0\r\n");
                assertTrue(answer.startsWith("HTTP/1.1 404 "), method + " " + target + ":\n" + answer);
            }
            String patch = tus.raw("PATCH " + target + " HTTP/1.1\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nContent-Length: 0\r\n");
            assertTrue(patch.startsWith("HTTP/1.1 404 "), patch);
        }
        assertTrue(Files.exists(root.resolve(ID + ".info")) && Files.size(root.resolve(ID + ".bin")) == 5);
    }

    @Test
    void anUnknownIdGets404() throws Exception {
        try (Server server = start(root.resolve("uploads")); TusClient tus = new TusClient(server.port())) {
            assertEquals(404, tus.head("/files/" + ID).status());
            assertEquals(404, tus.patch("/files/" + ID, 0, new byte[1]).status());
            assertEquals(404, tus.send("DELETE", "/files/" + ID, null).status());
        }
    }

    private Server start(Path directory) {
        Server server = Server.builder().handler(TusServer.router(TusServer.uploads(directory, completed::add))).build();
        server.start(new InetSocketAddress("127.0.0.1", 0));
        return server;
    }

    private static byte[] random(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        return data;
    }
}
