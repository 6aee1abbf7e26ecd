package mummy.benchmarks.load;

import java.io.Closeable;
import java.io.IOException;

/**
 * Socket helpers shared by the load tools.
 */
final class Sockets {

    private static final System.Logger LOG = System.getLogger(Sockets.class.getName());

    private Sockets() {
    }

    /** Closes a socket the tool is done with; a failure to close changes no result, so it is only logged. */
    static void closeQuietly(Closeable socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "load.close.failed: {0}", e.toString());
        }
    }
}
