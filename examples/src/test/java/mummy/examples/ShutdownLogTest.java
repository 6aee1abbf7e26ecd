package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an operator sees when stopping a server with SIGTERM: {@link EchoServer} in a child JVM
 * (System.Logger backed by java.util.logging, the default) closes its server in a shutdown hook,
 * which runs at the same time as java.util.logging's own hook that closes and removes every
 * handler; {@code server.stopped} must still reach standard error. Five runs, because the two
 * hooks race. Each child's output stays in {@code target/shutdown-log-runs/}.
 */
class ShutdownLogTest {

    private static final Path OUTPUT = Path.of("target", "shutdown-log-runs");

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void sigtermLogsServerStoppedOnStandardError(int run) throws Exception {
        try (ChildServer server = new ChildServer("mummy.examples.EchoServer", List.of("-Xshare:auto"), List.of(),
                OUTPUT.resolve("run-" + run))) {
            assertTrue(server.errors().contains("server.started"), server.errors());
            int status = server.stop();
            String errors = server.errors();
            assertEquals(143, status, "exit status after SIGTERM (hooks ran); stderr:\n" + errors);
            assertTrue(errors.contains("INFO: server.stopped"), "stderr:\n" + errors);
        }
    }
}
