package mummy.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerLogTest {

    private static final String LOG = """
            listening on 127.0.0.1:40000
            Dec 02, 2026 5:15:03 PM mummy.io.Server start
            INFO: server.started: listening on [/127.0.0.1:40000] with scheduler "virtual"
            Dec 02, 2026 5:15:04 PM mummy.io.internal.loop.LoopResponseStream cutOff
            WARNING: stream.cut_off: fd 12: the client is 300000 bytes behind
            Dec 02, 2026 5:15:05 PM mummy.io.internal.loop.IoLoop onAcceptable
            WARNING: accept.failed: EMFILE (24); pausing accepts briefly
            Dec 02, 2026 5:15:06 PM mummy.io.internal.loop.ConnectionIo flushDirty
            SEVERE: connection.failed: fd 40
            java.lang.IllegalStateException: boom
            \tat mummy.io.internal.loop.ConnectionIo.flush(ConnectionIo.java:1)
            """;

    @Test
    void severeRecordsAndWarningsNotExpectedInThePhaseAreUnexpected() {
        assertEquals(List.of("WARNING: accept.failed: EMFILE (24); pausing accepts briefly", "SEVERE: connection.failed: fd 40"),
                new ServerLog(LOG).unexpected(SoakResult.SOAK_WARNINGS));
    }

    @Test
    void expectedWarningsPassButSevereNeverDoes() {
        assertEquals(List.of("SEVERE: connection.failed: fd 40"), new ServerLog(LOG).unexpected(SoakResult.EMFILE_WARNINGS));
    }

    @Test
    void uncaughtExceptionsAndOutOfMemoryAreUnexpected() {
        String log = "Exception in thread \"mummy-io\" java.lang.OutOfMemoryError: Java heap space\n"
                + "OutOfMemoryError thrown from the UncaughtExceptionHandler in thread \"mummy-io\"\n";
        assertEquals(2, new ServerLog(log).unexpected(Set.of()).size());
    }

    @Test
    void eventsAreCountedByName() {
        assertEquals(1, new ServerLog(LOG).count("accept.failed"));
        assertEquals(0, new ServerLog(LOG).count("accept"));
    }

    @Test
    void eventStreamDataIsSplitIntoEventsAndCommentsAreSkipped() {
        assertEquals(List.of("0", "1"), SoakSse.events(": heartbeat\n\ndata: 0\n\ndata: 1\n\n"));
        assertEquals(List.of("0", "unexpected line event: x", "unterminated 1"), SoakSse.events("data: 0\n\nevent: x\ndata: 1"));
    }
}
