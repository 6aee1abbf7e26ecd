package mummy.io.internal.loop;

import mummy.io.internal.ffi.Errno;
import mummy.io.internal.ffi.FileIo;
import mummy.io.internal.ffi.Sockets;

/**
 * Writes a connection's {@link OutputQueue} to its socket: its arrays in one {@code send} when
 * there is one, or several small ones copied into one shared array first, so a burst of pipelined
 * responses costs one system call; file regions straight from the page cache with
 * {@code sendfile}. It stops when the socket's buffer is full ({@link Connection#writeBlocked}:
 * wait for EPOLLOUT) and reports a failure for the caller to close the connection with.
 *
 * <p>Threading: IO thread only; the gather buffer is shared by every connection of the loop.
 */
final class SocketWriter {

    private static final System.Logger LOG = System.getLogger("mummy.io");

    private final byte[] gatherBuffer = new byte[ConnectionIo.READ_BUFFER_SIZE];
    /** Set by {@link #gather}: it stopped at a file region, so more bytes follow at once. */
    private boolean gatherStoppedAtFile;

    /**
     * Writes as much of the connection's output as the socket takes.
     *
     * @return null, or why the connection must close (the peer went away, a file shrank)
     */
    String flush(Connection connection) {
        OutputQueue out = connection.out;
        connection.writeBlocked = false; // until the socket says otherwise below
        while (!out.isEmpty()) {
            Object head = out.first();
            if (head instanceof FileBody.Cursor cursor) {
                String failure = sendFile(connection, cursor);
                if (failure != null || connection.writeBlocked) {
                    return failure;
                }
                continue;
            }
            byte[] first = (byte[]) head;
            int remaining = first.length - out.offset();
            long n;
            if (out.size() == 1 || remaining >= gatherBuffer.length / 2) {
                int flags = Sockets.MSG_NOSIGNAL | (out.size() > 1 ? Sockets.MSG_MORE : 0);
                n = Sockets.send(connection.fd, first, out.offset(), remaining, flags);
            } else {
                int length = gather(out);
                // a file region follows what fits: let the head and the file's first bytes share a segment
                int flags = Sockets.MSG_NOSIGNAL | (gatherStoppedAtFile ? Sockets.MSG_MORE : 0);
                n = Sockets.send(connection.fd, gatherBuffer, 0, length, flags);
            }
            if (n <= 0) {
                if (n == -Errno.EAGAIN || n == 0) { // 0 only if the kernel took nothing: wait for EPOLLOUT
                    connection.writeBlocked = true;
                    return null;
                }
                return "send: " + Errno.name((int) -n);
            }
            out.advance(n);
            connection.writtenInWindow += n;
            connection.mode.written(n);
        }
        connection.writeBlocked = false;
        return null;
    }

    /**
     * Writes from the file region at the head of the output queue with {@code sendfile}.
     *
     * @return null, or why the connection must close
     */
    private String sendFile(Connection connection, FileBody.Cursor cursor) {
        long n = FileIo.sendfile(connection.fd, cursor.body.fd, cursor.position, cursor.remaining);
        if (n == -Errno.EAGAIN) {
            connection.writeBlocked = true;
            return null;
        }
        if (n == 0) {
            // The file ended early: it shrank after its length was announced, and the framing is lost.
            LOG.log(System.Logger.Level.WARNING, "file.truncated: fd " + connection.fd + ": the file ended "
                    + cursor.remaining + " bytes before the announced length; connection reset");
            connection.abortOnClose = true;
            return "file truncated";
        }
        if (n < 0) {
            return "sendfile: " + Errno.name((int) -n); // the client went away, as with send
        }
        connection.out.advanceFile(cursor, n);
        connection.writtenInWindow += n;
        return null;
    }

    /**
     * Copies queued arrays into the gather buffer, as many as fit and up to the first file
     * region; returns the byte count and sets {@link #gatherStoppedAtFile}.
     */
    private int gather(OutputQueue out) {
        int length = 0;
        int offset = out.offset();
        gatherStoppedAtFile = false;
        for (Object item : out.items()) {
            if (!(item instanceof byte[] chunk)) {
                gatherStoppedAtFile = true;
                break;
            }
            int count = Math.min(chunk.length - offset, gatherBuffer.length - length);
            System.arraycopy(chunk, offset, gatherBuffer, length, count);
            length += count;
            offset = 0;
            if (length == gatherBuffer.length) {
                break;
            }
        }
        return length;
    }
}
