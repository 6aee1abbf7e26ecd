package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import mummy.io.Server;
import org.junit.jupiter.api.Test;

/**
 * Two real Chromium pages chat through {@link ChatServer}: {@code node-tests/chat-test.mjs}
 * (playwright-core driving Debian's headless chromium) joins alice and bob, exchanges a message
 * each way, checks both logs and the leave notice, and takes a screenshot into
 * {@code target/chat.png}. {@code node-tests/setup} installs chromium and the npm packages first
 * when they are missing; if it cannot, the test fails with its message.
 */
class ChatBrowserTest {

    @Test
    void twoBrowserPagesExchangeMessagesThroughTheServer() throws Exception {
        NodeTools.setup();
        Path screenshot = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target/chat.png");
        Files.deleteIfExists(screenshot);
        try (Server server = ChatServer.create(null)) {
            int port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
            NodeTools.Result result = NodeTools.node("chat-test.mjs", Duration.ofSeconds(90),
                    Integer.toString(port), screenshot.toString());
            System.getLogger("mummy.test").log(System.Logger.Level.INFO, "chat-test.mjs:\n{0}", result.output());
            assertEquals(0, result.exitCode(), result.output());
            String output = result.output();
            assertTrue(output.contains("bob sees \"alice: Hello Bob, this goes through Mummy ✓\""), output);
            assertTrue(output.contains("alice sees \"bob: Hi Alice! Both tabs get every message.\""), output);
            assertTrue(output.contains("alice sees \"* bob left\""), output);
            assertTrue(output.strip().endsWith("chat test passed"), output);
            assertTrue(Files.size(screenshot) > 1000, "a screenshot was taken");
        }
    }
}
