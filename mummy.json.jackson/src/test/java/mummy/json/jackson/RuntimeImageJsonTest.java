package mummy.json.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import mummy.api.HttpHeaders;
import mummy.testing.ListeningProcess;
import mummy.testing.TestResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links the test application, this module, Jackson's modules and a scheduler into a runtime
 * image with the JDK's {@code jlink}, as an application would ship, starts the image's launcher
 * and gets JSON from it.
 */
class RuntimeImageJsonTest {

    @TempDir
    Path work;

    @Test
    void linkedImageAnswersJson() throws Exception {
        Path classes = JsonAppProcess.compile(work.resolve("classes"));
        Path image = work.resolve("image");
        // jlink binds no services by itself: the codec and the scheduler are named, as an application names them.
        JsonAppProcess.run(List.of(JsonAppProcess.tool("jlink"),
                "--module-path", classes + java.io.File.pathSeparator + JsonAppProcess.modulePath(),
                "--add-modules", "jsonapp,mummy.json.jackson,mummy.sched.virtual",
                "--add-options=--enable-native-access=mummy.io",
                "--launcher", "json-app=jsonapp/jsonapp.JsonApp",
                "--strip-debug", "--no-header-files", "--no-man-pages",
                "--output", image.toString()));
        List<String> modules = JsonAppProcess.run(List.of(image.resolve("bin/java").toString(), "--list-modules"))
                .lines().map(line -> line.split("@")[0]).toList();
        assertTrue(modules.containsAll(List.of("jsonapp", "mummy.json.jackson", "tools.jackson.databind",
                "tools.jackson.core", "com.fasterxml.jackson.annotation", "mummy.sched.virtual")), modules.toString());
        assertTrue(modules.stream().noneMatch(module -> module.equals("java.desktop") || module.equals("java.sql")),
                "Jackson's optional modules stay out: " + modules);

        try (ListeningProcess app = ListeningProcess.start(List.of(image.resolve("bin/json-app").toString()),
                work.resolve("stderr.txt"))) {
            TestResponse created = app.client().post("/todos", HttpHeaders.of("Content-Type", "application/json"),
                    "{\"title\":\"Linked\",\"done\":true,\"tags\":[]}".getBytes(StandardCharsets.UTF_8));
            assertEquals(201, created.status());
            assertEquals("application/json", created.header("Content-Type"));
            assertEquals("{\"id\":1,\"title\":\"Linked\",\"done\":true,\"tags\":[]}", created.text());
            assertEquals(created.text(), app.client().get("/todos/1").text());
            TestResponse malformed = app.client().post("/todos", HttpHeaders.empty(),
                    "{\"title\":".getBytes(StandardCharsets.UTF_8));
            assertEquals(400, malformed.status());
            assertTrue(malformed.text().startsWith("malformed JSON"), malformed.text());
        }
    }
}
