package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import mummy.io.Server;
import mummy.testing.TestClient;
import mummy.testing.TestResponse;
import mummy.topics.Broker;
import mummy.topics.InMemoryBroker;
import org.junit.jupiter.api.Test;

/**
 * {@link ClusterChat} alone, on its in-memory broker (the cluster with Redis and nginx is
 * {@link ClusterIT}), and its command line ({@link ClusterOptions}).
 */
class ClusterChatTest {

    @Test
    void everyAnswerNamesTheInstanceAndThePageIsTheClusterPage() {
        try (Broker broker = InMemoryBroker.create(); Server server = ClusterChat.builder("solo", broker).build();
             TestClient client = TestClient.create(start(server))) {
            assertEquals("solo", client.get("/instance").text());
            TestResponse page = client.get("/");
            assertEquals("solo", page.header("X-Instance"));
            assertTrue(page.text().contains("reconnect"), "the page that reconnects");
            assertTrue(client.get("/stats").text().startsWith("instance solo\nbroker.connected true\n"));
        }
    }

    @Test
    void membersGetTheGreetingTheirLinesAndTheLeaveNotice() {
        try (Broker broker = InMemoryBroker.create(); Server server = ClusterChat.builder("solo", broker).build();
             TestClient client = TestClient.create(start(server))) {
            try (ClusterClients.Member alice = ClusterClients.Member.join(client, "alice")) {
                assertEquals("solo", alice.instance());
                try (ClusterClients.Member bob = ClusterClients.Member.join(client, "bob")) {
                    alice.await("* bob joined");
                    bob.say("hi\nthere\u0007");
                    alice.await("bob: hi there");
                }
                alice.await("* bob left");
            }
        }
    }

    @Test
    void anEventStreamResumesFromLastEventIdOnTheInMemoryHistory() throws Exception {
        try (Broker broker = InMemoryBroker.withHistory(100); Server server = ClusterChat.builder("solo", broker).build();
             TestClient client = TestClient.create(start(server))) {
            try (ClusterClients.Member carol = ClusterClients.Member.join(client, "carol")) {
                String lastId;
                try (ClusterClients.Feed feed = ClusterClients.Feed.open(client, null)) {
                    assertEquals("solo", feed.instance());
                    carol.say("one");
                    lastId = feed.await("carol: one"::equals, "the first line").id();
                }
                carol.say("two");
                carol.await("carol: two");
                try (ClusterClients.Feed feed = ClusterClients.Feed.open(client, lastId)) {
                    assertEquals("carol: two", feed.next().data());
                }
            }
        }
    }

    @Test
    void theClusterOptionsAreTakenOutAndTheRestGoesToTheServer() {
        ClusterOptions options = ClusterOptions.parse(new String[] {"--port", "0", "--name", "a", "--redis",
                "redis://127.0.0.1:6379", "--redis-mode", "pubsub", "--history", "50", "--scheduler", "virtual"});
        assertEquals("a", options.name());
        assertEquals("redis://127.0.0.1:6379", options.redis().toString());
        assertEquals(false, options.streams());
        assertEquals(50, options.history());
        assertArrayEquals(new String[] {"--port", "0", "--scheduler", "virtual"}, options.serverArguments());

        ClusterOptions alone = ClusterOptions.parse(new String[0]);
        assertNull(alone.redis());
        assertTrue(alone.streams());
        assertTrue(alone.name().startsWith("chat-"));
        try (Broker broker = alone.broker()) {
            assertTrue(broker.keepsHistory(), "in memory, with a history for Last-Event-ID");
        }
        List<String> errors = new ArrayList<>();
        for (String[] bad : List.of(new String[] {"--redis-mode", "cluster"}, new String[] {"--name"})) {
            errors.add(assertThrows(IllegalArgumentException.class, () -> ClusterOptions.parse(bad)).getMessage());
        }
        assertEquals(List.of("--redis-mode takes pubsub or streams, not cluster", "--name needs a value"), errors);
    }

    private static int start(Server server) {
        return server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }
}
