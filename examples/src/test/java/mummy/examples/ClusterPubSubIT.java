package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --redis-mode pubsub}: two {@link ClusterChat} instances on Debian's redis-server with
 * PUBLISH/SUBSCRIBE instead of Streams (no nginx: {@link ClusterIT} covers it). Lines reach every
 * instance's members and event streams, with no ids (no history), and the fan-out resumes by itself
 * after Redis restarts. Everything is stopped by PID after the tests ({@link TestCluster}).
 */
class ClusterPubSubIT {

    @RegisterExtension
    static final TestCluster cluster = new TestCluster("pubsub", false);

    @Test
    void membersAndEventStreamsOnBothInstancesGetEveryLineWithoutIds() throws Exception {
        String token = Long.toString(System.nanoTime(), 36);
        try (ClusterClients.Feed onA = ClusterClients.Feed.open(cluster.direct(cluster.a()), null);
             ClusterClients.Feed onB = ClusterClients.Feed.open(cluster.direct(cluster.b()), null);
             ClusterClients.Member alice = ClusterClients.Member.join(cluster.direct(cluster.a()), "alice-" + token);
             ClusterClients.Member bob = ClusterClients.Member.join(cluster.direct(cluster.b()), "bob-" + token)) {
            alice.await("* bob-" + token + " joined");
            alice.say("from a");
            bob.await("alice-" + token + ": from a");
            onB.await(("alice-" + token + ": from a")::equals, "a's line");
            bob.say("from b");
            alice.await("bob-" + token + ": from b");
            assertNull(onA.await(("bob-" + token + ": from b")::equals, "b's line").id(), "pub/sub gives no ids");
            assertEquals(List.of("* alice-" + token + " joined", "* bob-" + token + " joined",
                    "alice-" + token + ": from a", "bob-" + token + ": from b"),
                    onA.seen().stream().map(ClusterClients.Event::data).filter(d -> d.contains(token)).toList(),
                    "a's stream got every line once, in order");
        }
    }

    @Test
    void fanOutResumesByItselfWhenRedisRestarts() throws Exception {
        String token = Long.toString(System.nanoTime(), 36);
        try (ClusterClients.Member alice = ClusterClients.Member.join(cluster.direct(cluster.a()), "alice-" + token);
             ClusterClients.Member bob = ClusterClients.Member.join(cluster.direct(cluster.b()), "bob-" + token);
             ClusterClients.Feed onB = ClusterClients.Feed.open(cluster.direct(cluster.b()), null)) {
            cluster.redis().stop();
            alice.say("while Redis is down");
            alice.await("# not sent: the message broker is unreachable");
            cluster.redis().restart();
            alice.sayUntilSeen("after", "alice-" + token + ": after", bob);
            bob.sayUntilSeen("after too", "bob-" + token + ": after too", alice);
            onB.await(("alice-" + token + ": after")::equals, "a line said after the restart");
            String stats = cluster.direct(cluster.b()).get("/stats").text();
            assertTrue(stats.contains("broker.connected true") && stats.matches("(?s).*broker\\.outages [1-9].*"), stats);
        }
    }
}
