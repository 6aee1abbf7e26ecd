package mummy.io.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class EpollTest {

    @Test
    void eventLayoutIsPackedOnlyOnX86() {
        assertTrue(Epoll.isPacked("amd64"));
        assertTrue(Epoll.isPacked("x86_64"));
        assertFalse(Epoll.isPacked("aarch64"));
        assertEquals(Epoll.PACKED ? 12 : 16, Epoll.EVENT_SIZE);
        assertEquals(Epoll.PACKED ? 4 : 8, Epoll.DATA_OFFSET);
    }

    @Test
    void eventFdSignalWakesEpollWaitWithItsData() {
        int epfd = (int) check(Epoll.create());
        int efd = (int) check(EventFd.create());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment events = Epoll.allocateEvents(arena, 4);
            long data = 0x1234_5678_9ABCL;
            check(Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, efd, Epoll.EPOLLIN, data, Epoll.allocateEvents(arena, 1)));
            assertEquals(0, Epoll.wait(epfd, events, 4, 0), "nothing signalled yet");
            assertEquals(8, EventFd.signal(efd));
            assertEquals(8, EventFd.signal(efd));
            assertEquals(1, Epoll.wait(epfd, events, 4, 1000));
            assertEquals(data, Epoll.data(events, 0), "the 64-bit data survives the (packed) layout");
            assertEquals(Epoll.EPOLLIN, Epoll.events(events, 0) & Epoll.EPOLLIN);
            assertEquals(2, EventFd.drain(efd), "two signals add up");
            assertEquals(-Errno.EAGAIN, EventFd.drain(efd));
            assertEquals(0, Epoll.wait(epfd, events, 4, 0));
        } finally {
            Sockets.close(efd);
            Sockets.close(epfd);
        }
    }

    @Test
    void errorsComeBackAsNegativeErrno() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(-Errno.EBADF, Epoll.ctl(-1, Epoll.EPOLL_CTL_ADD, 0, Epoll.EPOLLIN, 0,
                    Epoll.allocateEvents(arena, 1)));
            assertEquals(-Errno.EBADF, Epoll.wait(-1, Epoll.allocateEvents(arena, 1), 1, 0));
        }
    }

    private static long check(long result) {
        assertTrue(result >= 0, () -> "native call failed: " + Errno.name((int) -result));
        return result;
    }
}
