package mummy.io.internal.loop;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The open connections by fd. A message from a worker names a connection by fd <em>and</em>
 * generation; {@link #get} returns it only while that very connection is open, so a late
 * response to a closed connection whose fd the kernel has reused for a new one is dropped.
 *
 * <p>Threading: IO thread only.
 */
final class ConnectionTable {

    private Connection[] slots = new Connection[1024];
    private int count;

    /** The open connection with this fd and generation, or null when it has closed since. */
    Connection get(int fd, long generation) {
        Connection connection = fd >= 0 && fd < slots.length ? slots[fd] : null;
        return connection != null && connection.generation == generation ? connection : null;
    }

    /** The open connection on this fd whatever its generation, or null. */
    Connection at(int fd) {
        return fd >= 0 && fd < slots.length ? slots[fd] : null;
    }

    void add(Connection connection) {
        if (connection.fd >= slots.length) {
            slots = Arrays.copyOf(slots, Math.max(connection.fd + 1, slots.length * 2));
        }
        if (slots[connection.fd] != null) {
            throw new IllegalStateException("fd " + connection.fd + " is still in use by generation "
                    + slots[connection.fd].generation);
        }
        slots[connection.fd] = connection;
        count++;
    }

    void remove(Connection connection) {
        if (slots[connection.fd] == connection) {
            slots[connection.fd] = null;
            count--;
        }
    }

    int count() {
        return count;
    }

    /** Runs {@code action} on a snapshot of the open connections (it may close them). */
    void forEach(Consumer<Connection> action) {
        for (Connection connection : slots.clone()) {
            if (connection != null && !connection.closed()) {
                action.accept(connection);
            }
        }
    }
}
