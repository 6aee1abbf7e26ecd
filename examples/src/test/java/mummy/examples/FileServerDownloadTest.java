package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB download from {@link FileServer} running in a child JVM with a 64 MiB heap: the bytes
 * go out with {@code sendfile}, so the heap never sees them. Checks the byte count and SHA-256 of
 * what arrived and a range in the second half, and reports the throughput and the child's heap use
 * ({@code jcmd GC.heap_info} right after the download) on standard output and in
 * {@code target/file-download.txt}.
 */
class FileServerDownloadTest {

    private static final long SIZE = 1L << 30;
    private static final int CHUNK = 16 << 20;
    private static final List<String> MODULES = List.of("mummy.examples", "mummy.io", "mummy.api", "org.jctools.core",
            "mummy.sched.virtual");

    @TempDir
    Path dir;

    @Test
    void oneGibibyteDownloadFromA64MegabyteHeap() throws Exception {
        String expected = writeFile(dir.resolve("big.bin"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-Xshare:auto", "--enable-native-access=mummy.io", "--module-path", modulePath(),
                "-m", "mummy.examples/mummy.examples.FileServer", "--dir", dir.toString(), "--port", "0",
                "--scheduler", "virtual"));
        Process server = new ProcessBuilder(command).redirectError(dir.resolve("server.err").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return "read failed: " + e;
                }
            }).get(30, TimeUnit.SECONDS);
            assertTrue(line != null && line.startsWith("listening on 127.0.0.1:"), "first line: " + line);
            int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));

            long start = System.nanoTime();
            Download download = download(port, "GET /files/big.bin HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            double seconds = (System.nanoTime() - start) / 1e9;
            String heap = heapInfo(server.pid());

            assertEquals(200, download.status, download.head);
            assertEquals(SIZE, download.count);
            assertEquals(expected, download.sha256, "SHA-256 of the body");
            Download range = download(port, "GET /files/big.bin HTTP/1.1\r\nHost: h\r\nConnection: close\r\n"
                    + "Range: bytes=" + (SIZE - 4096) + "-" + (SIZE - 4089) + "\r\n\r\n");
            assertEquals(206, range.status, range.head);
            assertEquals(ByteBuffer.allocate(8).putLong(SIZE - 4096).flip(), ByteBuffer.wrap(range.body));

            Matcher used = Pattern.compile("committed (\\d+)K, used (\\d+)K").matcher(heap);
            assertTrue(used.find(), heap);
            String report = String.format("1 GiB download: %.0f MB/s (%.2f s); child heap (-Xmx64m) after it:"
                    + " committed %s KiB, used %s KiB%n%s", SIZE / 1e6 / seconds, seconds, used.group(1), used.group(2), heap);
            System.out.print(report);
            Files.writeString(Path.of("target", "file-download.txt"), report);
            String err = Files.readString(dir.resolve("server.err"));
            assertFalse(err.contains("OutOfMemoryError") || err.contains("Exception"), err);
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** What a download brought: status, head, byte count, digest, and the body when small. */
    private record Download(int status, String head, long count, String sha256, byte[] body) {
    }

    private static Download download(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteArrayOutputStream small = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 20];
            long count = 0;
            for (int n = in.read(buffer); n >= 0 && count <= SIZE; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
                if (count < 4096) {
                    small.write(buffer, 0, (int) Math.min(n, 4096 - count));
                }
                count += n;
            }
            return new Download(status, head, count, HexFormat.of().formatHex(sha.digest()), small.toByteArray());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n") && head.length() < 8192) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Writes SIZE bytes in which each 8-byte word holds its own offset; returns their SHA-256. */
    private static String writeFile(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long offset = 0; offset < SIZE; offset += CHUNK) {
                buffer.clear();
                for (int i = 0; i < CHUNK; i += 8) {
                    buffer.putLong(offset + i);
                }
                sha.update(buffer.array(), 0, CHUNK);
                buffer.flip();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String heapInfo(long pid) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jcmd.waitFor(30, TimeUnit.SECONDS), "jcmd finished");
        return output;
    }

    /** The module path of the server modules as this test JVM has them (target/classes or jars). */
    private static String modulePath() {
        Map<String, Path> modules = new TreeMap<>();
        Stream.of("jdk.module.path", "java.class.path")
                .map(property -> System.getProperty(property, ""))
                .flatMap(path -> Stream.of(path.split(File.pathSeparator)))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .filter(entry -> entry.toString().endsWith(".jar") || Files.isRegularFile(entry.resolve("module-info.class")))
                .forEach(entry -> ModuleFinder.of(entry).findAll().stream()
                        .map(ModuleReference::descriptor)
                        .forEach(descriptor -> modules.putIfAbsent(descriptor.name(), entry)));
        assertTrue(modules.keySet().containsAll(MODULES), "modules needed: " + MODULES + ", found: " + modules);
        return MODULES.stream().map(name -> modules.get(name).toString()).collect(Collectors.joining(File.pathSeparator));
    }
}
