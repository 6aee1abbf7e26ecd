package mummy.io.internal.loop;

import java.util.ArrayDeque;

/**
 * What waits for one connection's socket, in order: encoded {@code byte[]}s and
 * {@link FileBody.Cursor}s (file regions sent with {@code sendfile}).
 *
 * <p>Filled by the IO thread from the responses and frames workers hand back (and by the IO
 * thread's own pongs, Close echoes, heartbeats and refusals); drained by {@link ConnectionIo}'s
 * writes. Bound: {@link #heldBytes()} (arrays, plus {@link Budget#FILE_COST} per queued file
 * region, whose descriptor stays open meanwhile) counts against the connection's share of
 * {@link BufferLimits}; past {@link BufferLimits#perConnection()} the connection reads and parses
 * nothing more until it drains to half, and a peer that drains it slower than
 * {@link BufferLimits#minWriteRate()} is closed at the write timeout.
 *
 * <p>Threading: IO thread only. The deque exists only while bytes wait, so an idle connection
 * holds no buffer.
 */
final class OutputQueue {

    private ArrayDeque<Object> items;
    /** How much of the first item is already written, when it is an array. */
    private int offset;
    private long heldBytes;

    /** Whether nothing waits. */
    boolean isEmpty() {
        return items == null;
    }

    /** The bytes held: arrays not yet written, plus a fixed cost per open file region. */
    long heldBytes() {
        return heldBytes;
    }

    /** The number of items waiting. */
    int size() {
        return items == null ? 0 : items.size();
    }

    /** The first item: a {@code byte[]} or a {@link FileBody.Cursor}; null when empty. */
    Object first() {
        return items == null ? null : items.peekFirst();
    }

    /** How much of the first item, an array, is already written. */
    int offset() {
        return offset;
    }

    /** The items in order, for gathering writes; do not modify. */
    Iterable<Object> items() {
        return items;
    }

    /** Appends bytes; an empty array (such as the end of a raw stream) adds nothing. */
    void add(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        deque().add(bytes);
        heldBytes += bytes.length;
    }

    /** Appends a file body's parts: its byte arrays, and a cursor for each region. */
    void addFile(FileBody file) {
        int lastRegion = -1;
        for (int i = 0; i < file.parts.size(); i++) {
            if (file.parts.get(i) instanceof FileBody.Region) {
                lastRegion = i;
            }
        }
        for (int i = 0; i < file.parts.size(); i++) {
            switch (file.parts.get(i)) {
                case byte[] bytes -> add(bytes);
                case FileBody.Region region -> {
                    deque().add(new FileBody.Cursor(file, region, i == lastRegion));
                    heldBytes += Budget.FILE_COST;
                }
                default -> throw new IllegalStateException("not a file part"); // FileBody checks its parts
            }
        }
    }

    private ArrayDeque<Object> deque() {
        if (items == null) {
            items = new ArrayDeque<>(4);
        }
        return items;
    }

    /** Marks {@code written} bytes of the leading arrays as sent. */
    void advance(long written) {
        long remaining = written;
        while (remaining > 0) {
            byte[] first = (byte[]) items.peekFirst();
            int left = first.length - offset;
            if (remaining >= left) {
                items.pollFirst();
                remaining -= left;
                offset = 0;
            } else {
                offset += (int) remaining;
                remaining = 0;
            }
        }
        heldBytes -= written;
        if (items.isEmpty()) {
            items = null;
        }
    }

    /** Marks {@code written} bytes of the file region at the head as sent; closes the file after its last. */
    void advanceFile(FileBody.Cursor cursor, long written) {
        cursor.position += written;
        cursor.remaining -= written;
        if (cursor.remaining == 0) {
            items.pollFirst();
            heldBytes -= Budget.FILE_COST;
            if (cursor.last) {
                cursor.body.close();
            }
            if (items.isEmpty()) {
                items = null;
            }
        }
    }

    /** Drops everything, closing the files still queued (the connection closes). */
    void clear() {
        if (items != null) {
            for (Object item : items) {
                if (item instanceof FileBody.Cursor cursor) {
                    cursor.body.close();
                }
            }
        }
        items = null;
        offset = 0;
        heldBytes = 0;
    }
}
