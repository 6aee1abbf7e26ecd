package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mummy.api.HttpHeaders;
import org.junit.jupiter.api.Test;

/** Listening on IPv4 and IPv6 at once, and the errors of a bad start. */
class ListenAddressesTest {

    @Test
    void oneServerListensOnIpv4AndIpv6() throws Exception {
        try (Server server = Server.builder().scheduler("virtual")
                .handler(request -> request.respond(200, HttpHeaders.empty(),
                        request.remoteAddress().getAddress().getHostAddress()))
                .build()) {
            List<InetSocketAddress> bound = server.start(new InetSocketAddress("127.0.0.1", 0),
                    new InetSocketAddress("::1", 0));
            assertEquals(2, bound.size());
            assertTrue(bound.get(1).getAddress() instanceof java.net.Inet6Address);
            for (InetSocketAddress address : bound) {
                try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
                    socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    String peer = address.getAddress() instanceof java.net.Inet6Address ? "0:0:0:0:0:0:0:1" : "127.0.0.1";
                    assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n") && response.endsWith("\r\n\r\n" + peer), response);
                }
            }
        }
    }

    @Test
    void portInUseFailsStartWithTheErrno() {
        try (Server first = Server.builder().scheduler("virtual").handler(r -> r.respond(204)).build();
             Server second = Server.builder().scheduler("virtual").handler(r -> r.respond(204)).build()) {
            int port = first.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
            UncheckedIOException error = assertThrows(UncheckedIOException.class,
                    () -> second.start(new InetSocketAddress("127.0.0.1", port)));
            assertTrue(error.getMessage().contains("EADDRINUSE"), error.getMessage());
        }
    }

    @Test
    void unknownSchedulerFailsFastListingTheNamesFound() {
        Server server = Server.builder().scheduler("nope").handler(r -> r.respond(204)).build();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> server.start(new InetSocketAddress("127.0.0.1", 0)));
        assertEquals("unknown scheduler \"nope\" (from scheduler(\"nope\")); schedulers found: forkjoin, pool, virtual",
                error.getMessage());
    }

    @Test
    void builderRefusesToBuildWithoutAHandler() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> Server.builder().build());
        assertTrue(error.getMessage().contains("handler"), error.getMessage());
    }
}
