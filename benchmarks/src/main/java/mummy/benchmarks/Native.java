package mummy.benchmarks;

import java.lang.foreign.MemorySegment;
import mummy.io.internal.ffi.Epoll;

/** Setup helpers for the benchmarks that make syscalls: fail loudly instead of measuring an error path. */
final class Native {

    private Native() {
    }

    /**
     * Checks a facade's result.
     *
     * @param call the call, for the message
     * @param result its result, {@code -errno} on failure
     * @return the result, when not negative
     * @throws IllegalStateException if the call failed
     */
    static int check(String call, long result) {
        if (result < 0) {
            throw new IllegalStateException(call + " failed: errno " + -result);
        }
        return (int) result;
    }

    /**
     * A new epoll instance watching {@code fd} for {@code events}, reporting the fd as its data.
     *
     * @param fd the fd to watch
     * @param events the event mask
     * @param scratch one event's worth of native memory
     * @return the epoll fd
     */
    static int watch(int fd, int events, MemorySegment scratch) {
        int epfd = check("epoll_create1", Epoll.create());
        check("epoll_ctl", Epoll.ctl(epfd, Epoll.EPOLL_CTL_ADD, fd, events, fd, scratch));
        return epfd;
    }
}
