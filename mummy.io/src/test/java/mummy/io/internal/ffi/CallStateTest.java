package mummy.io.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CallStateTest {

    @Test
    void aPlatformThreadReusesOneStateThatOutlivesEachCall() {
        CallState first;
        try (CallState call = CallState.acquire()) {
            first = call;
        }
        try (CallState call = CallState.acquire()) {
            assertSame(first, call);
        }
        assertTrue(first.capture().scope().isAlive(), "a platform thread's state lives as long as the thread");
    }

    @Test
    void aVirtualThreadGetsAStatePerCallThatIsFreedWhenTheCallEnds() throws Exception {
        AtomicReference<CallState> first = new AtomicReference<>();
        AtomicReference<CallState> second = new AtomicReference<>();
        AtomicReference<Boolean> aliveDuringCall = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try (CallState call = CallState.acquire()) {
                aliveDuringCall.set(call.capture().scope().isAlive() && call.scratch().scope().isAlive());
                first.set(call);
            }
            try (CallState call = CallState.acquire()) {
                second.set(call);
            }
        }).join();
        assertTrue(aliveDuringCall.get());
        assertNotSame(first.get(), second.get());
        assertFalse(first.get().capture().scope().isAlive(), "freed by close");
        assertFalse(second.get().capture().scope().isAlive(), "freed by close");
    }

    @Test
    void errnoIsReportedOnVirtualThreads() throws Exception {
        AtomicReference<Integer> closed = new AtomicReference<>();
        AtomicReference<Integer> option = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            closed.set(Sockets.close(-1));
            option.set(Sockets.setIntOption(-1, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1));
        }).join();
        assertEquals(-Errno.EBADF, closed.get());
        assertEquals(-Errno.EBADF, option.get());
    }
}
