package mummy.io.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SocketsTest {

    /** A listening socket on an ephemeral port of {@code host}; returns {fd, port}. */
    private static int[] listen(Arena arena, String host) {
        InetSocketAddress address = new InetSocketAddress(host, 0);
        int fd = Sockets.socket(SocketAddresses.family(address), Sockets.SOCK_STREAM | Sockets.SOCK_CLOEXEC, 0);
        assertTrue(fd >= 0);
        assertEquals(0, Sockets.setIntOption(fd, Sockets.SOL_SOCKET, Sockets.SO_REUSEADDR, 1));
        assertEquals(0, Sockets.bind(fd, SocketAddresses.encode(arena, address)));
        assertEquals(0, Sockets.listen(fd, 16));
        MemorySegment local = arena.allocate(SocketAddresses.STORAGE_SIZE, 8);
        MemorySegment length = arena.allocateFrom(ValueLayout.JAVA_INT, SocketAddresses.STORAGE_SIZE);
        assertEquals(0, Sockets.getsockname(fd, local, length));
        return new int[] {fd, SocketAddresses.decode(local).getPort()};
    }

    @Test
    void acceptReadAndSendThroughHeapArrays() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            int[] listener = listen(arena, "127.0.0.1");
            try (Socket client = new Socket("127.0.0.1", listener[1])) {
                MemorySegment peer = arena.allocate(SocketAddresses.STORAGE_SIZE, 8);
                MemorySegment length = arena.allocateFrom(ValueLayout.JAVA_INT, SocketAddresses.STORAGE_SIZE);
                int fd = Sockets.accept4(listener[0], peer, length, Sockets.SOCK_CLOEXEC);
                assertTrue(fd >= 0, () -> Errno.name(-fd));
                assertEquals(client.getLocalPort(), SocketAddresses.decode(peer).getPort());
                client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                byte[] buffer = new byte[16];
                assertEquals(4, Sockets.read(fd, buffer, 3, 10));
                assertEquals("ping", new String(buffer, 3, 4, StandardCharsets.US_ASCII));
                byte[] reply = "xxpongxx".getBytes(StandardCharsets.US_ASCII);
                assertEquals(4, Sockets.send(fd, reply, 2, 4, Sockets.MSG_NOSIGNAL));
                assertArrayEquals("pong".getBytes(StandardCharsets.US_ASCII), client.getInputStream().readNBytes(4));
                assertEquals(0, Sockets.close(fd));
            } finally {
                Sockets.close(listener[0]);
            }
        }
    }

    @Test
    void gatherWriteAndScatterReadUseNativeBuffers() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            int[] listener = listen(arena, "::1");
            try (Socket client = new Socket(InetAddress.getByName("::1"), listener[1])) {
                int fd = Sockets.accept4(listener[0], MemorySegment.NULL, MemorySegment.NULL, Sockets.SOCK_CLOEXEC);
                assertTrue(fd >= 0);
                MemorySegment iov = IoVec.allocate(arena, 2);
                IoVec.set(iov, 0, arena.allocateFrom("head|", StandardCharsets.US_ASCII).asSlice(0, 5));
                IoVec.set(iov, 1, arena.allocateFrom("body", StandardCharsets.US_ASCII).asSlice(0, 4));
                assertEquals(9, Sockets.writev(fd, iov, 2));
                InputStream in = client.getInputStream();
                assertEquals("head|body", new String(in.readNBytes(9), StandardCharsets.US_ASCII));
                client.getOutputStream().write("abcdef".getBytes(StandardCharsets.US_ASCII));
                MemorySegment first = arena.allocate(2);
                MemorySegment second = arena.allocate(4);
                IoVec.set(iov, 0, first);
                IoVec.set(iov, 1, second);
                assertEquals(6, Sockets.readv(fd, iov, 2));
                assertEquals("ab", new String(first.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII));
                assertEquals("cdef", new String(second.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII));
                Sockets.close(fd);
            } finally {
                Sockets.close(listener[0]);
            }
        }
    }

    @Test
    void unsentBytesCountWhatAPeerThatReadsNothingHasNotAcknowledged() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            int[] listener = listen(arena, "::1");
            try (Socket client = new Socket()) {
                client.setReceiveBufferSize(4096); // small window: the peer's kernel soon stops acknowledging
                client.connect(new java.net.InetSocketAddress(InetAddress.getByName("::1"), listener[1]));
                int fd = Sockets.accept4(listener[0], MemorySegment.NULL, MemorySegment.NULL,
                        Sockets.SOCK_CLOEXEC | Sockets.SOCK_NONBLOCK);
                assertTrue(fd >= 0);
                assertEquals(0, Sockets.unsentBytes(fd), "nothing written yet");
                byte[] chunk = new byte[64 * 1024];
                long written = 0;
                for (int i = 0; i < 1000; i++) {
                    long n = Sockets.send(fd, chunk, 0, chunk.length, Sockets.MSG_NOSIGNAL);
                    if (n < 0) {
                        break; // EAGAIN: the send buffer is full
                    }
                    written += n;
                }
                int unsent = Sockets.unsentBytes(fd);
                assertTrue(unsent > 0 && unsent <= written, "unsent " + unsent + " of " + written + " written");
                assertTrue(written - unsent < 1024 * 1024, "the peer acknowledged only what fits its buffers: "
                        + (written - unsent));
                Sockets.close(fd);
            } finally {
                Sockets.close(listener[0]);
            }
        }
    }

    @Test
    void failuresReportTheirErrno() {
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(-Errno.EBADF, Sockets.read(-1, new byte[1], 0, 1));
            assertEquals(-Errno.EBADF, Sockets.send(-1, new byte[1], 0, 1, Sockets.MSG_NOSIGNAL));
            int[] listener = listen(arena, "127.0.0.1");
            int nonBlocking = Sockets.socket(Sockets.AF_INET, Sockets.SOCK_STREAM | Sockets.SOCK_NONBLOCK, 0);
            try {
                assertEquals(0, Sockets.bind(nonBlocking, SocketAddresses.encode(arena, new InetSocketAddress("127.0.0.1", 0))));
                assertEquals(0, Sockets.listen(nonBlocking, 1));
                assertEquals(-Errno.EAGAIN, Sockets.accept4(nonBlocking, MemorySegment.NULL, MemorySegment.NULL, 0),
                        "a non-blocking accept with nobody waiting");
                int taken = Sockets.socket(Sockets.AF_INET, Sockets.SOCK_STREAM, 0);
                assertEquals(-Errno.EADDRINUSE, Sockets.bind(taken,
                        SocketAddresses.encode(arena, new InetSocketAddress("127.0.0.1", listener[1]))));
                Sockets.close(taken);
            } finally {
                Sockets.close(nonBlocking);
                Sockets.close(listener[0]);
            }
        }
    }

    @Test
    void addressesRoundTripThroughSockaddr() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            for (String host : new String[] {"127.0.0.1", "10.1.2.3", "::1", "fe80::1%1", "2001:db8::7"}) {
                InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), 54321);
                MemorySegment encoded = SocketAddresses.encode(arena, address);
                assertEquals(address.getAddress() instanceof java.net.Inet6Address ? 28 : 16, encoded.byteSize());
                assertEquals(address, SocketAddresses.decode(encoded));
                byte[] heapCopy = encoded.toArray(ValueLayout.JAVA_BYTE);
                assertEquals(address, SocketAddresses.decode(MemorySegment.ofArray(heapCopy)), "unaligned heap copy");
            }
        }
    }
}
