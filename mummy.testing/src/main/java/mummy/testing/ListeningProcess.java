package mummy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An application in a child process, as its users start it (a {@code java} command line, a
 * runtime image's launcher, a script), that prints {@code listening on HOST:PORT} once it
 * accepts connections; with a {@link TestClient} for that port.
 *
 * <pre>{@code
 * try (ListeningProcess app = ListeningProcess.start(List.of(image + "/bin/app"), work.resolve("app.err"))) {
 *     assertEquals(200, app.client().get("/").status());
 * }
 * }</pre>
 *
 * <p>The child's stderr goes to a file, shown in the error when it does not start; its stdout
 * after the first line is read and dropped, so the child never blocks on a full pipe. Closing
 * it stops the process and its descendants (a launcher script that does not exec java leaves
 * the JVM as its child): SIGTERM, then SIGKILL after ten seconds.
 *
 * <p>Threading: {@link #close()} from any thread; the rest after {@link #start} returned.
 */
public final class ListeningProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+)");
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final TestClient client;

    private ListeningProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = TestClient.create(port);
    }

    /**
     * Starts {@code command} and waits up to a minute for its first line of output, which must
     * say {@code listening on HOST:PORT}.
     *
     * @param command the command line
     * @param stderr the file the child's stderr goes to
     * @return the running process
     * @throws IOException if it cannot be started
     * @throws AssertionError if it printed something else, exited or stayed silent; with its stderr
     */
    public static ListeningProcess start(List<String> command, Path stderr) throws IOException {
        Objects.requireNonNull(stderr, "stderr");
        Process process = new ProcessBuilder(List.copyOf(command)).redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                String line = out.readLine();
                Thread.ofVirtual().name("listening-process-stdout").start(() -> drain(out));
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> Thread.ofVirtual().start(task));
        String line;
        try {
            line = firstLine.get(STARTUP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new IOException("interrupted while waiting for " + command.getFirst());
        } catch (ExecutionException | TimeoutException e) {
            line = null;
        }
        Matcher listening = line == null ? null : LISTENING.matcher(line);
        if (listening == null || !listening.find()) {
            stop(process);
            throw new AssertionError(command.getFirst() + " did not start: first line " + line + "\n"
                    + (Files.exists(stderr) ? Files.readString(stderr) : ""));
        }
        return new ListeningProcess(process, Integer.parseInt(listening.group(2)));
    }

    /**
     * The port it listens on.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * A client for that port on 127.0.0.1.
     *
     * @return the client
     */
    public TestClient client() {
        return client;
    }

    /**
     * The process, such as for its PID.
     *
     * @return the process
     */
    public Process process() {
        return process;
    }

    /** Stops the process and its descendants, and closes the client. */
    @Override
    public void close() {
        client.close();
        stop(process);
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // dropped: only the first line matters
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static void stop(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                descendants.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle descendant : descendants) {
                descendant.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
