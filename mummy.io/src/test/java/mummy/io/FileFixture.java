package mummy.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import mummy.api.HttpHeaders;
import mummy.api.Router;
import mummy.web.files.StaticFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file suites' common frame: a directory tree made once per class, and per test a server on
 * an ephemeral port under each scheduler, with these routes:
 * <ul>
 *   <li>{@code /static/**}: {@link StaticFiles} of {@link #root} (GET, and POST to see its own 405);
 *   <li>{@code /indexed/**}: the same with index file {@code index.html};
 *   <li>{@code /file?name=N}: {@code respondFile(root/N)} (GET, HEAD, POST); {@code &cache=V} adds
 *       {@code Cache-Control: V}, {@code &type=T} sets {@code Content-Type};
 *   <li>{@code /outside?name=N}: {@code respondFile} of a path outside the root (for 404s);
 *   <li>{@code /late}: {@code respondFile(root/ten.bin)} after 300 ms.
 * </ul>
 * Files: {@code ten.bin} (10,000 bytes, {@link #TEN}), {@code hello.txt}, {@code empty.txt},
 * {@code .hidden}, {@code sub/index.html}, {@code link-in} (to hello.txt), {@code link-out} (to
 * {@code ../outside/secret.txt}). Modification times are set an hour back, so that dates are
 * strong validators.
 */
@ParameterizedClass
@ValueSource(strings = {"pool", "forkjoin", "virtual"})
abstract class FileFixture {

    static final byte[] TEN = new byte[10_000];
    static final Instant MODIFIED = Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    static Path base;
    static Path root;

    @Parameter
    String scheduler;

    Server server;
    int port;

    @BeforeAll
    static void makeFiles() throws IOException {
        for (int i = 0; i < TEN.length; i++) {
            TEN[i] = (byte) (i * 31 + i / 256);
        }
        base = Files.createTempDirectory("mummy-files");
        root = Files.createDirectory(base.resolve("root"));
        Path outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "SECRET");
        Files.write(root.resolve("ten.bin"), TEN);
        Files.writeString(root.resolve("hello.txt"), "hello\n");
        Files.writeString(root.resolve("empty.txt"), "");
        Files.writeString(root.resolve(".hidden"), "hidden");
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(root.resolve("sub").resolve("index.html"), "<p>index</p>", StandardCharsets.UTF_8);
        Files.createSymbolicLink(root.resolve("link-in"), Path.of("hello.txt"));
        Files.createSymbolicLink(root.resolve("link-out"), Path.of("..", "outside", "secret.txt"));
        Files.createSymbolicLink(root.resolve("dir-out"), Path.of("..", "outside"));
        try (Stream<Path> all = Files.walk(base)) {
            for (Path path : all.toList()) {
                if (!Files.isSymbolicLink(path)) {
                    Files.setLastModifiedTime(path, FileTime.from(MODIFIED));
                }
            }
        }
    }

    @AfterAll
    static void removeFiles() throws IOException {
        try (Stream<Path> all = Files.walk(base)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A sparse file of {@code length} bytes in the root (no disk blocks), with {@code marker} at {@code at}. */
    static void sparseFile(String name, long length, long at, byte[] marker) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(root.resolve(name).toFile(), "rw")) {
            file.setLength(length);
            file.seek(at);
            file.write(marker);
        }
    }

    @BeforeEach
    void startServer() {
        StaticFiles files = StaticFiles.of(root, "/static");
        Router router = Router.builder()
                .get("/static/**", files)
                .post("/static/**", files)
                .get("/indexed/**", StaticFiles.builder(root).prefix("/indexed").indexFile("index.html").build())
                .get("/file", this::file)
                .post("/file", this::file)
                .get("/late", request -> {
                    Thread.sleep(300); // the client is gone by now: the response is dropped, its file closed
                    request.respondFile(root.resolve("ten.bin"));
                })
                .get("/outside", request -> request.respondFile(base.resolve(request.queryParams().get("name"))))
                .build();
        server = Server.builder().handler(router).scheduler(scheduler).shutdownGracePeriod(Duration.ofSeconds(5)).build();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    private void file(mummy.api.Request request) {
        HttpHeaders.Builder extra = HttpHeaders.builder();
        String cache = request.queryParams().get("cache");
        if (cache != null) {
            extra.add("Cache-Control", cache);
        }
        String type = request.queryParams().get("type");
        if (type != null) {
            extra.add("Content-Type", type);
        }
        request.respondFile(root.resolve(request.queryParams().get("name")), extra.build());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Sends one request and reads its response on a fresh connection. */
    RawClient.Response exchange(String request) throws IOException {
        try (RawClient client = new RawClient(port)) {
            client.send(request);
            return client.read(request.startsWith("HEAD "));
        }
    }

    /** A GET of {@code target} with extra header lines (each ending in CRLF). */
    RawClient.Response get(String target, String headerLines) throws IOException {
        return exchange("GET " + target + " HTTP/1.1\r\nHost: h\r\n" + headerLines + "\r\n");
    }

    static byte[] slice(int first, int last) {
        return java.util.Arrays.copyOfRange(TEN, first, last + 1);
    }

    static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
