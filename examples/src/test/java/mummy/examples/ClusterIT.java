package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mummy.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster of {@code bin/cluster} with its real parts: Debian's redis-server (Streams mode),
 * two {@link ClusterChat} instances in child JVMs, and nginx running
 * {@code examples/nginx/cluster.conf} with a certificate made by openssl for this run; everything
 * on free loopback ports with its own directory, stopped by PID after the tests ({@link TestCluster}). Each test
 * leaves the cluster as it found it (a killed instance or Redis is started again on its port).
 * The browser test drives {@code node-tests/cluster-test.mjs} (two Chromium pages over
 * {@code wss://}), which {@code node-tests/setup} makes ready.
 */
class ClusterIT {

    @RegisterExtension
    static final TestCluster cluster = new TestCluster("streams", true);

    private static String token() {
        return Long.toString(System.nanoTime(), 36);
    }

    @Test
    void eachInstanceSaysItsNameAndNginxReachesBoth() throws Exception {
        assertEquals("a", cluster.direct(cluster.a()).get("/instance").text());
        assertEquals("b", cluster.direct(cluster.b()).get("/instance").text());
        // least_conn: a member's WebSocket holds a connection to its instance, so the next goes to
        // the other, once nginx takes it as up (an instance restarted by another test is left out
        // for fail_timeout, 5 s, after its failure).
        TestClient proxy = cluster.viaNginx();
        try (ClusterClients.Member first = ClusterClients.Member.join(proxy, "first-" + token())) {
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
            List<String> reached = new ArrayList<>();
            while (true) {
                try (ClusterClients.Member second = ClusterClients.Member.join(proxy, "second-" + token())) {
                    reached.add(second.instance());
                    if (!second.instance().equals(first.instance())) {
                        break;
                    }
                }
                assertTrue(java.time.Instant.now().isBefore(deadline), "the first member is on " + first.instance()
                        + ", the second ones reached " + reached);
                Thread.sleep(500);
            }
        }
    }

    @Test
    void twoBrowserPagesOnTwoInstancesChatOverWssAndCarryOnWhenOneInstanceDies() throws Exception {
        NodeTools.setup();
        Path screenshot = NginxProxy.examples().resolve("target/cluster-chat.png");
        Process node = new ProcessBuilder("node", "cluster-test.mjs", "https://127.0.0.1:" + cluster.nginx().port() + "/",
                screenshot.toString()).directory(NodeTools.directory().toFile()).redirectErrorStream(true).start();
        ClusterNode victim = null;
        try (ProcessLines output = new ProcessLines(node)) {
            String kill = output.await(line -> line.startsWith("kill ") || line.contains("FAILED"), Duration.ofSeconds(90));
            assertTrue(kill.startsWith("kill "), output::text);
            victim = kill.equals("kill a") ? cluster.a() : cluster.b();
            victim.kill();
            node.getOutputStream().write("killed\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            node.getOutputStream().flush();
            assertEquals(0, output.exitCode(Duration.ofSeconds(90)), output::text);
            String text = output.text();
            System.getLogger("mummy.test").log(System.Logger.Level.INFO, "cluster-test.mjs:\n{0}", text);
            assertTrue(text.contains("over https:"), text);
            assertTrue(text.contains("bob sees \"alice: Hello Bob, from the other instance ✓\""), text);
            assertTrue(text.contains("alice sees \"bob: Hi Alice! Redis carried this.\""), text);
            assertTrue(text.contains("alice reconnected by herself to instance " + (victim == cluster.a() ? "b" : "a")), text);
            assertTrue(text.contains("bob sees \"alice: Still here after my instance died\""), text);
            assertTrue(text.contains("alice sees \"bob: Welcome back\""), text);
            assertTrue(text.strip().endsWith("cluster browser test passed"), text);
        } finally {
            node.destroyForcibly().waitFor();
            if (victim != null && !victim.isAlive()) {
                victim.restart();
            }
        }
    }

    @Test
    void eventStreamsOnBothInstancesReceiveWhatEitherPublishes() throws Exception {
        String token = token();
        try (ClusterClients.Feed onA = ClusterClients.Feed.open(cluster.direct(cluster.a()), null);
             ClusterClients.Feed onB = ClusterClients.Feed.open(cluster.direct(cluster.b()), null);
             ClusterClients.Member alice = ClusterClients.Member.join(cluster.direct(cluster.a()), "alice-" + token);
             ClusterClients.Member bob = ClusterClients.Member.join(cluster.direct(cluster.b()), "bob-" + token)) {
            assertEquals("a", onA.instance());
            assertEquals("b", onB.instance());
            alice.say("from a");
            bob.await("alice-" + token + ": from a");
            onA.await(("alice-" + token + ": from a")::equals, "a's line");
            onB.await(("alice-" + token + ": from a")::equals, "a's line");
            bob.say("from b");
            alice.await("bob-" + token + ": from b");
            onA.await(("bob-" + token + ": from b")::equals, "b's line");
            ClusterClients.Event last = onB.await(("bob-" + token + ": from b")::equals, "b's line");
            assertTrue(last.id() != null && last.id().matches("\\d+-\\d+"), "a Redis stream id: " + last);
        }
    }

    @Test
    void anEventStreamResumesWithLastEventIdOnTheOtherInstanceAndMissesNothing() throws Exception {
        String token = token();
        String name = "carol-" + token;
        try (ClusterClients.Member carol = ClusterClients.Member.join(cluster.direct(cluster.b()), name)) {
            String lastId;
            try (ClusterClients.Feed onA = ClusterClients.Feed.open(cluster.direct(cluster.a()), null)) {
                carol.say("before 1");
                carol.say("before 2");
                onA.await((name + ": before 1")::equals, "the first line");
                lastId = onA.await((name + ": before 2")::equals, "the second line").id();
            }
            List<String> missed = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                carol.say("while away " + i);
                missed.add(name + ": while away " + i);
                carol.await(name + ": while away " + i);
            }
            try (ClusterClients.Feed onB = ClusterClients.Feed.open(cluster.direct(cluster.b()), lastId)) {
                assertEquals("b", onB.instance());
                List<String> replayed = new ArrayList<>();
                for (String expected : missed) {
                    ClusterClients.Event event = onB.next();
                    assertEquals(null, event.type(), "no gap: " + event);
                    replayed.add(event.data());
                }
                assertEquals(missed, replayed, "exactly what it missed, in order, nothing before it");
                carol.say("live again");
                assertEquals(name + ": live again", onB.next().data(), "then the live lines");
            }
        }
    }

    @Test
    void fanOutResumesByItselfWhenRedisRestarts() throws Exception {
        String token = token();
        try (ClusterClients.Member alice = ClusterClients.Member.join(cluster.direct(cluster.a()), "alice-" + token);
             ClusterClients.Member bob = ClusterClients.Member.join(cluster.direct(cluster.b()), "bob-" + token);
             ClusterClients.Feed feed = ClusterClients.Feed.open(cluster.viaNginx(), null)) {
            alice.say("before");
            bob.await("alice-" + token + ": before");
            cluster.redis().stop();
            alice.say("while Redis is down");
            alice.await("# not sent: the message broker is unreachable");
            cluster.redis().restart();
            // Nothing is done to the instances: their brokers reconnect and subscribe again by themselves.
            alice.sayUntilSeen("after", "alice-" + token + ": after", bob);
            bob.sayUntilSeen("after too", "bob-" + token + ": after too", alice);
            feed.await(("alice-" + token + ": after")::equals, "a line said after the restart");
            for (ClusterNode node : List.of(cluster.a(), cluster.b())) {
                String stats = cluster.direct(node).get("/stats").text();
                assertTrue(stats.contains("broker.connected true") && stats.matches("(?s).*broker\\.outages [1-9].*"), stats);
            }
        } finally {
            if (!cluster.redis().isRunning()) {
                cluster.redis().restart();
            }
        }
    }
}
