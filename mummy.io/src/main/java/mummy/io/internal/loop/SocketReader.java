package mummy.io.internal.loop;

import mummy.io.ServerMetrics;
import mummy.io.internal.ffi.Errno;
import mummy.io.internal.ffi.Sockets;

/**
 * Reads a connection's socket into the loop's shared 64 KiB buffer (or after the connection's
 * carry, when a request or frame is partly received) and hands the bytes to its {@link Mode}. It
 * reads until a short read drains the socket (epoll is edge-triggered), the mode stops reading
 * (then {@link Connection#readPending} remembers that the socket may hold more), or the input ends.
 *
 * <p>Threading: IO thread only; the read buffer is shared by every connection of the loop and
 * never kept: the mode copies what it leaves unconsumed into the connection's carry.
 */
final class SocketReader {

    private static final int MIN_READ = 4096;

    private final ConnectionIo io;
    private final byte[] readBuffer = new byte[ConnectionIo.READ_BUFFER_SIZE];

    SocketReader(ConnectionIo io) {
        this.io = io;
    }

    /** Reads what the socket holds, handing it to the connection's mode, as long as the mode may read. */
    void read(Connection connection) {
        connection.readPending = false;
        while (!connection.closed()) {
            if (connection.state == Connection.State.LINGERING) {
                discard(connection);
                return;
            }
            if (!connection.mode.canRead()) {
                connection.readPending = true;
                return;
            }
            byte[] buffer = readBuffer;
            int offset = 0;
            if (connection.carry != null) {
                connection.reserve(MIN_READ);
                buffer = connection.carry;
                offset = connection.carryLength;
            }
            int room = buffer.length - offset;
            long n = Sockets.read(connection.fd, buffer, offset, room);
            if (n < 0) {
                if (n != -Errno.EAGAIN) {
                    io.close(connection, ServerMetrics.CloseReason.CLIENT_CLOSED, "read: " + Errno.name((int) -n));
                }
                return;
            }
            if (n == 0) {
                endOfInput(connection);
                return;
            }
            connection.readProgress = true;
            connection.mode.process(buffer, offset + (int) n);
            if (n < room && !connection.hangUp) {
                return; // a short read drained the socket; edge-triggered epoll reports new bytes
            }
        }
    }

    private void endOfInput(Connection connection) {
        connection.inputClosed = true;
        connection.because(ServerMetrics.CloseReason.CLIENT_CLOSED);
        connection.mode.endOfInput();
        connection.dropCarry();
        io.drain(connection);
    }

    /** Parses what was kept and reads what was left in the socket while reading was paused. */
    void resume(Connection connection) {
        if (connection.carry != null && connection.state != Connection.State.LINGERING && connection.mode.canRead()) {
            connection.mode.process(connection.carry, connection.carryLength);
        }
        if (connection.readPending && !connection.closed()) {
            read(connection);
        }
    }

    /** After writing: resume parsing and reading if the output made room. */
    void afterOutput(Connection connection) {
        if (connection.closed() || connection.writeBlocked || !connection.mode.canRead()) {
            return;
        }
        resume(connection);
    }

    /** Lingering: reads and drops what the peer still sends, closing at its end. */
    void discard(Connection connection) {
        while (!connection.closed()) {
            long n = Sockets.read(connection.fd, readBuffer, 0, readBuffer.length);
            if (n == -Errno.EAGAIN) {
                return;
            }
            if (n <= 0) {
                io.close(connection, null, null);
                return;
            }
        }
    }
}
