package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * permessage-deflate's native memory is bounded like the buffers: with a total budget that
 * allows one compressing session, a second WebSocket is accepted without the extension, and a
 * third gets it again once the first has closed.
 */
class DeflateSessionsTest {

    private static final String OFFER = "Sec-WebSocket-Extensions: permessage-deflate\r\n";

    @Test
    void pastTheSessionsTheBudgetAllowsTheExtensionIsDeclinedUntilOneCloses() throws Exception {
        // 400 KiB / 320 KiB per compressing session: one session
        try (TestApp app = new TestApp("virtual", Server.builder().webSocketCompression(true)
                .maxBufferedBytesPerConnection(64 * 1024).maxBufferedBytes(400 * 1024))) {
            WsClient first = WsClient.open(app.port, "/ws", OFFER);
            assertTrue(first.handshake.header("Sec-WebSocket-Extensions").startsWith("permessage-deflate"));
            try (WsClient second = WsClient.open(app.port, "/ws", OFFER)) {
                assertNull(second.handshake.header("Sec-WebSocket-Extensions"),
                        "declined: the one session is taken (RFC 7692 5 lets a server decline)");
                second.text("still works").read();
            }
            first.close(1000);
            assertEquals(8, first.read().opcode(), "the close handshake completes");
            first.close();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (true) {
                try (WsClient third = WsClient.open(app.port, "/ws", OFFER)) {
                    if (third.handshake.header("Sec-WebSocket-Extensions") != null) {
                        break; // the first's session was given back when its connection closed
                    }
                }
                assertTrue(System.nanoTime() < deadline, "the first session is released");
                Thread.sleep(20);
            }
        }
    }
}
