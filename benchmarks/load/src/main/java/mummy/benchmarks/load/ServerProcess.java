package mummy.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The server process the fault phases act on and measure: its open descriptors, its CPU time,
 * SIGTERM. Linux only ({@code /proc}).
 *
 * @param handle the process
 */
record ServerProcess(ProcessHandle handle) {

    static ServerProcess of(long pid) {
        return new ServerProcess(ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalArgumentException("no process " + pid)));
    }

    /** The number of open file descriptors, from {@code /proc/PID/fd}. */
    long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(handle.pid()), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CPU time the process has used so far, user and system. */
    Duration cpu() {
        return handle.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time for " + handle.pid()));
    }

    /** Sends SIGTERM ({@link ProcessHandle#destroy} is SIGTERM on Linux). */
    void terminate() {
        if (!handle.destroy()) {
            throw new IllegalStateException("could not signal " + handle.pid());
        }
    }
}
