package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mummy.api.HttpHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A start that fails closes what it opened (listeners, the epoll fd and eventfd, the scheduler's
 * threads) and leaves the server startable: measured as this JVM's open fds and live threads.
 */
class ServerStartFailureTest {

    private static final int STARTS = 40;
    private static final long THREAD_END_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    /** The ways a start can fail; each is tried on a server whose scheduler starts 4 threads up front. */
    enum FailedStart {
        UNRESOLVED_ADDRESS {
            @Override
            void attempt(Server server, int busyPort) {
                InetSocketAddress address = InetSocketAddress.createUnresolved("no-such-host.invalid", busyPort);
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> server.start(ANY_PORT, address));
                assertTrue(error.getMessage().startsWith("cannot listen on no-such-host.invalid:" + busyPort
                        + ": the address is unresolved"), error.getMessage());
            }
        },
        PORT_IN_USE {
            @Override
            void attempt(Server server, int busyPort) {
                assertAddressInUse(() -> server.start(new InetSocketAddress("127.0.0.1", busyPort)));
            }
        },
        SECOND_PORT_IN_USE {
            @Override
            void attempt(Server server, int busyPort) {
                assertAddressInUse(() -> server.start(ANY_PORT, new InetSocketAddress("127.0.0.1", busyPort)));
            }
        },
        UNKNOWN_SCHEDULER {
            @Override
            Server server() {
                return Server.builder().scheduler("nope").handler(r -> r.respond(204)).build();
            }

            @Override
            void attempt(Server server, int busyPort) {
                IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                        () -> server.start(ANY_PORT));
                assertTrue(error.getMessage().startsWith("unknown scheduler \"nope\""), error.getMessage());
            }
        };

        Server server() {
            return Server.builder().scheduler("pool").workerThreads(4).handler(r -> r.respond(204)).build();
        }

        abstract void attempt(Server server, int busyPort);

        private static void assertAddressInUse(org.junit.jupiter.api.function.Executable start) {
            UncheckedIOException error = assertThrows(UncheckedIOException.class, start);
            assertTrue(error.getMessage().contains("EADDRINUSE"), error.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource
    void failedStartsLeaveNoFileDescriptorOrThreadBehind(FailedStart kind) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Server server = kind.server()) {
            kind.attempt(server, busy.getLocalPort());
            long fdsBefore = openFileDescriptors();
            Set<Thread> threadsBefore = liveThreads();
            for (int i = 0; i < STARTS; i++) {
                kind.attempt(server, busy.getLocalPort());
            }
            List<String> threadsLeft = awaitEnd(threadsBefore).stream().map(Thread::getName).distinct().toList();
            long fdsAfter = openFileDescriptors();
            String counts = "after " + STARTS + " failed starts: open fds " + fdsBefore + " -> " + fdsAfter
                    + ", live threads " + threadsBefore.size() + " -> " + liveThreads().size()
                    + ", new ones still alive named " + threadsLeft;
            assertTrue(fdsAfter <= fdsBefore && threadsLeft.isEmpty(), counts);
            assertTrue(liveThreads().size() <= threadsBefore.size(), counts);
        }
    }

    @Test
    void serverWhoseStartFailedCanStartAgainAndServe() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             Server server = Server.builder().scheduler("pool").workerThreads(2)
                     .handler(r -> r.respond(200, HttpHeaders.empty(), "again")).build()) {
            FailedStart.SECOND_PORT_IN_USE.attempt(server, busy.getLocalPort());
            assertEquals(List.of(), server.addresses());
            assertThrows(IllegalStateException.class, server::port);
            int port = server.start(ANY_PORT).getFirst().getPort();
            try (RawClient client = new RawClient(port)) {
                RawClient.Response response = client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
                assertEquals(200, response.status());
                assertEquals("again", response.text());
            }
            assertThrows(IllegalStateException.class, () -> server.start(ANY_PORT));
        }
    }

    @Test
    void closedServerRefusesToStart() {
        Server server = Server.builder().scheduler("pool").handler(r -> r.respond(204)).build();
        server.close();
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> server.start(ANY_PORT));
        assertEquals("server is closed", error.getMessage());
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static Set<Thread> liveThreads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    /** Waits, up to a deadline, for every thread started since {@code before} to end; returns those still alive. */
    private static List<Thread> awaitEnd(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + THREAD_END_NANOS;
        for (Thread thread : liveThreads()) {
            if (!before.contains(thread)) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    thread.join(java.time.Duration.ofNanos(left));
                }
            }
        }
        return liveThreads().stream().filter(t -> !before.contains(t)).toList();
    }
}
