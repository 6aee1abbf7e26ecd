package mummy.io.internal.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class DeadlinesTest {

    private final Deadlines deadlines = new Deadlines(10, 30, 60, 20, 2, 5, 0, 0);

    private static Connection connection(int fd) {
        return new Connection(fd, fd, new byte[0]);
    }

    @Test
    void connectionsExpireInDeadlineOrderWithTheirKind() {
        Connection a = connection(1);
        Connection b = connection(2);
        Connection c = connection(3);
        deadlines.schedule(a, Deadlines.Kind.IDLE, 0);    // 60
        deadlines.schedule(b, Deadlines.Kind.HEADER, 5);  // 15
        deadlines.schedule(c, Deadlines.Kind.HEADER, 6);  // 16
        assertEquals(1, deadlines.millisUntilNext(0), "15 ns rounds up to 1 ms");
        assertNull(deadlines.pollExpired(14));
        assertSame(b, deadlines.pollExpired(16));
        assertEquals(Deadlines.Kind.HEADER, b.expired);
        assertNull(b.timer, "off every list once expired");
        assertSame(c, deadlines.pollExpired(16));
        assertNull(deadlines.pollExpired(59));
        assertSame(a, deadlines.pollExpired(60));
        assertNull(deadlines.pollExpired(Long.MAX_VALUE / 2));
    }

    @Test
    void reschedulingMovesAConnectionToTheEndAndCancelUnlinks() {
        Connection a = connection(1);
        Connection b = connection(2);
        deadlines.schedule(a, Deadlines.Kind.BODY, 0);  // 30
        deadlines.schedule(b, Deadlines.Kind.BODY, 1);  // 31
        deadlines.schedule(a, Deadlines.Kind.BODY, 10); // renewed: 40
        assertSame(b, deadlines.pollExpired(35));
        assertNull(deadlines.pollExpired(35));
        deadlines.cancel(a);
        assertNull(deadlines.pollExpired(1000));
        assertEquals(-1, deadlines.millisUntilNext(0));
    }

    @Test
    void waitIsRoundedUpToWholeMilliseconds() {
        Deadlines coarse = new Deadlines(1_500_000, 1, 1, 1, 1, 1, 0, 0);
        coarse.schedule(connection(1), Deadlines.Kind.HEADER, 0);
        assertEquals(2, coarse.millisUntilNext(0));
        assertEquals(0, coarse.millisUntilNext(2_000_000));
    }
}
