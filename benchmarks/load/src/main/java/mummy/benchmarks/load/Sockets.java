package mummy.benchmarks.load;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;

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

    /** Closes with a reset ({@code SO_LINGER} 0): the peer sees RST, as from a client that crashed. */
    static void abortQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "load.abort.linger_failed: {0}", e.toString());
        }
        closeQuietly(socket);
    }
}
