package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import mummy.io.Server;
import mummy.testing.TestClient;
import mummy.testing.TestWebSocket;
import org.junit.jupiter.api.Test;

/** ChatServer's room through real WebSockets, with the test kit's client. */
class ChatRoomTest {

    @Test
    void membersSeeJoinsLinesAndLeavesAndBinaryIsRefusedWith1003() {
        try (Server server = ChatServer.create("virtual")) {
            server.start(new InetSocketAddress("127.0.0.1", 0));
            try (TestClient client = TestClient.create(server.port());
                 TestWebSocket ann = client.webSocket("/ws");
                 TestWebSocket bob = client.webSocket("/ws")) {
                ann.sendText("ann");
                assertEquals("* ann joined", ann.receiveText());
                bob.sendText("bob");
                assertEquals("* bob joined", ann.receiveText());
                assertEquals("* bob joined", bob.receiveText());
                bob.sendText("hi\tall");
                assertEquals("bob: hi all", ann.receiveText());
                assertEquals("bob: hi all", bob.receiveText());
                bob.sendBinary(new byte[] {1});
                assertEquals(1003, bob.awaitClose().code());
                assertEquals("* bob left", ann.receiveText());
            }
        }
    }
}
