package mummy.json.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mummy.api.HttpHeaders;
import mummy.testing.ListeningProcess;
import mummy.testing.TestClient;
import mummy.testing.TestResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A JSON API on the module path, as an application runs it: the module {@code jsonapp} requires
 * only {@code mummy.io}, and the codec comes from this module, found by service binding with
 * nothing set on the server. Records in and out, a generic list, a streamed body, and 400s for
 * bodies that are not the JSON asked for, all through a real socket.
 */
class ModulePathJsonTest {

    private static Path work;
    private static ListeningProcess app;

    @BeforeAll
    static void startApp() throws Exception {
        work = Files.createTempDirectory("jsonapp");
        Path classes = JsonAppProcess.compile(work.resolve("classes"));
        app = ListeningProcess.start(List.of(JsonAppProcess.tool("java"), "--enable-native-access=mummy.io",
                "--module-path", classes + java.io.File.pathSeparator + JsonAppProcess.modulePath(),
                "--add-modules", "mummy.sched.virtual", "-m", "jsonapp/jsonapp.JsonApp"), work.resolve("stderr.txt"));
    }

    @AfterAll
    static void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static TestClient client() {
        return app.client();
    }

    private static TestResponse postJson(String path, String json) {
        return client().post(path, HttpHeaders.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void codecIsFoundOnTheModulePathWithoutSettingIt() {
        assertEquals(JacksonJsonCodec.class.getName(), client().get("/codec").text());
    }

    @Test
    void recordGoesInAndComesBackAsJson() {
        TestResponse created = postJson("/todos", "{\"title\":\"Buy milk\",\"done\":false,\"tags\":[\"home\"]}");
        assertEquals(201, created.status());
        assertEquals("application/json", created.header("Content-Type"));
        String location = created.header("Location");
        assertTrue(location.startsWith("/todos/"), location);
        String id = location.substring("/todos/".length());
        assertEquals("{\"id\":" + id + ",\"title\":\"Buy milk\",\"done\":false,\"tags\":[\"home\"]}", created.text());

        TestResponse fetched = client().get(location);
        assertEquals(200, fetched.status());
        assertEquals(created.text(), fetched.text());
        TestResponse missing = client().get("/todos/999999");
        assertEquals(404, missing.status());
        assertEquals("{\"error\":\"no such todo\"}", missing.text());
    }

    @Test
    void genericListIsReadWithItsElementType() {
        TestResponse response = postJson("/todos/batch",
                "[{\"title\":\"a\",\"done\":true,\"tags\":[]},{\"title\":\"b\",\"done\":false,\"tags\":[\"x\"]}]");
        assertEquals(200, response.status());
        assertTrue(response.text().contains("\"titles\":[\"a\",\"b\"]") && response.text().contains("\"count\":2"),
                response.text());
    }

    @Test
    void streamedRouteReadsItsBodyAsJson() {
        TestResponse response = client().request("PUT", "/todos/streamed", HttpHeaders.empty(),
                "{\"id\":5,\"title\":\"s\",\"done\":true,\"tags\":[]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.status());
        assertEquals("{\"id\":5,\"title\":\"s\",\"done\":true,\"tags\":[]}", response.text());
    }

    @Test
    void malformedJsonIsAnsweredBadRequestWithAShortMessage() {
        TestResponse response = postJson("/todos", "{\"title\": \"Buy milk\", ");
        assertEquals(400, response.status());
        assertEquals("text/plain; charset=utf-8", response.header("Content-Type"));
        assertTrue(response.text().startsWith("malformed JSON at line 1, column 23: "), response.text());
        assertTrue(response.text().length() < 250 && !response.text().contains("\tat ")
                && !response.text().contains("jsonapp."), response.text());
    }

    @Test
    void wrongShapeAndInvalidRecordAreAnsweredBadRequest() {
        TestResponse wrongType = postJson("/todos", "{\"title\":\"a\",\"done\":\"maybe\",\"tags\":[]}");
        assertEquals(400, wrongType.status());
        assertTrue(wrongType.text().startsWith("JSON does not fit at $.done "), wrongType.text());

        TestResponse blank = postJson("/todos", "{\"title\":\"\",\"done\":true,\"tags\":[]}");
        assertEquals(400, blank.status());
        assertTrue(blank.text().contains("title is blank"), blank.text());

        TestResponse notAList = postJson("/todos/batch", "{\"title\":\"not a list\"}");
        assertEquals(400, notAList.status());
        assertTrue(notAList.text().startsWith("JSON does not fit"), notAList.text());
    }

    @Test
    void emptyBodyIsAnsweredBadRequest() {
        TestResponse response = postJson("/todos", "");
        assertEquals(400, response.status());
        assertEquals("the request has no body; JSON was expected", response.text());
    }
}
