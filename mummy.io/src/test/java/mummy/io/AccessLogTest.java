package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mummy.api.HttpHeaders;
import mummy.api.ResponseStream;
import mummy.api.Router;
import mummy.web.log.AccessLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AccessLog} through real sockets: one line per answer in the documented formats, written
 * by a worker thread, with what the client controls escaped; and the logger {@code mummy.access}.
 */
class AccessLogTest {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> threads = new LinkedBlockingQueue<>();
    private Server server;
    private int port;

    private void start(AccessLog log) {
        Router router = Router.builder()
                .after(log)
                .after((request, response, elapsed) -> threads.add(Thread.currentThread().getName()))
                .get("/todos", request -> request.respond(200, "[1,2]"))
                .get("/stream", request -> {
                    try (ResponseStream stream = request.respondStream(200, HttpHeaders.empty())) {
                        stream.write(new byte[] {1, 2, 3});
                    }
                })
                .build();
        server = Server.builder().handler(router).scheduler("pool").shutdownGracePeriod(Duration.ofSeconds(5)).build();
        port = server.start(new InetSocketAddress("127.0.0.1", 0)).getFirst().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void get(String target, String version, String extra) throws IOException {
        try (RawClient client = new RawClient(port)) {
            client.send("GET " + target + " " + version + "\r\nHost: x\r\n" + extra + "\r\n").read();
        }
    }

    private String line() throws InterruptedException {
        String line = lines.poll(10, TimeUnit.SECONDS);
        assertTrue(line != null, "no access log line");
        return line;
    }

    @Test
    void commonLogFormatWithDuration() throws Exception {
        start(AccessLog.commonWithDuration().to(lines::add));
        get("/todos?page=2", "HTTP/1.1", "");
        String line = line();
        assertTrue(line.matches("127\\.0\\.0\\.1 - - \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000] "
                + "\"GET /todos\\?page=2 HTTP/1\\.1\" 200 5 \\d+\\.\\d{6}"), line);
        get("/stream", "HTTP/1.0", "");
        assertTrue(line().contains("\"GET /stream HTTP/1.0\" 200 - "), "a stream's size is unknown at its start");
        get("/missing%22%0A", "HTTP/1.1", "");
        assertTrue(line().contains("\"GET /missing%22%0A HTTP/1.1\" 404 9 "));
        String thread = threads.poll(10, TimeUnit.SECONDS);
        assertTrue(thread != null && !thread.startsWith("mummy-io"), "written off the IO thread: " + thread);
    }

    @Test
    void jsonLinesEscapeWhatTheClientSent() throws Exception {
        start(AccessLog.jsonLines().to(lines::add));
        get("/todos", "HTTP/1.1", "User-Agent: evil\"agent\\\r\n"); // a control character would be a 400
        String line = line();
        assertTrue(line.matches("\\{\"time\":\"[^\"]+Z\",\"remote\":\"127\\.0\\.0\\.1\",\"method\":\"GET\","
                + "\"target\":\"/todos\",\"version\":\"HTTP/1\\.1\",\"status\":200,\"bytes\":5,\"kind\":\"body\","
                + "\"duration_ms\":\\d+\\.\\d{3},\"user_agent\":\"evil\\\\\"agent\\\\\\\\\"}"), line);
    }

    @Test
    void linesGoToTheMummyAccessLogger() throws Exception {
        Logger jul = Logger.getLogger(AccessLog.LOGGER_NAME);
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(capture);
        try {
            start(AccessLog.commonWithDuration());
            get("/todos", "HTTP/1.1", "");
            String line = line();
            assertTrue(line.startsWith("INFO 127.0.0.1 - - ["), line);
            assertTrue(line.contains("\"GET /todos HTTP/1.1\" 200 5 "), line);
        } finally {
            jul.removeHandler(capture);
        }
        assertEquals("AccessLog[common with duration, mummy.access]", AccessLog.commonWithDuration().toString());
    }
}
