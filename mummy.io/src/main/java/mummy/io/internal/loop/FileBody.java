package mummy.io.internal.loop;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import mummy.io.internal.ffi.FileIo;

/**
 * The body of a file response after its head: regions of an open file, with small byte arrays
 * between them (the part headers of {@code multipart/byteranges}). The worker that opened the
 * file hands it to the IO thread inside an {@link IoCommand.Send}; the IO thread sends the
 * regions with {@code sendfile}.
 *
 * <p>Ownership of the file descriptor: exactly one {@link #close()} closes it (a CAS), whoever
 * calls it first: the IO thread once the last region is written, when the connection closes, or
 * when it drops a response for a connection that is gone; the worker when the IO thread has
 * stopped before it could take the response.
 *
 * <p>Threading: immutable apart from the close flag; the {@link Cursor}s made from it belong to
 * the IO thread.
 */
final class FileBody {

    /**
     * Bytes of the file to send.
     *
     * @param offset where they start in the file
     * @param count how many (more than 0)
     */
    record Region(long offset, long count) {
        /** Validates the bounds. */
        Region {
            if (offset < 0 || count <= 0) {
                throw new IllegalArgumentException("not a file region: " + offset + "+" + count);
            }
        }
    }

    final int fd;
    /** {@link Region}s and {@code byte[]}s, in the order they are sent; at least one region. */
    final List<Object> parts;
    private final AtomicBoolean closed = new AtomicBoolean();

    FileBody(int fd, List<Object> parts) {
        this.fd = fd;
        this.parts = List.copyOf(parts);
        if (this.parts.stream().noneMatch(Region.class::isInstance)) {
            throw new IllegalArgumentException("a file body needs a region");
        }
        this.parts.forEach(part -> {
            if (!(Objects.requireNonNull(part) instanceof Region) && !(part instanceof byte[])) {
                throw new IllegalArgumentException("not a part of a file body: " + part.getClass());
            }
        });
    }

    /** Closes the file descriptor; only the first call does anything. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            FileIo.close(fd);
        }
    }

    /** Whether {@link #close()} was called (for tests). */
    boolean isClosed() {
        return closed.get();
    }

    /**
     * The IO thread's progress through one region, an element of {@link Connection#out}.
     *
     * <p>Threading: IO thread only.
     */
    static final class Cursor {
        final FileBody body;
        long position;
        long remaining;
        /** The body's last region: close the file once it is written. */
        final boolean last;

        Cursor(FileBody body, Region region, boolean last) {
            this.body = body;
            this.position = region.offset();
            this.remaining = region.count();
            this.last = last;
        }
    }
}
