package mummy.benchmarks.dbcommon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FortuneTest {

    @Test
    void pageAddsTheRequestTimeRowSortsByMessageAndEscapes() {
        List<Fortune> rows = List.of(
                new Fortune(12, "フレームワークのベンチマーク"),
                new Fortune(11, "<script>alert(\"x\");</script>"),
                new Fortune(2, "A 'quoted' & ampersand"));
        String page = new String(Fortune.page(rows), StandardCharsets.UTF_8);
        assertEquals("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
                + "<tr><th>id</th><th>message</th></tr>"
                + "<tr><td>11</td><td>&lt;script&gt;alert(&quot;x&quot;);&lt;/script&gt;</td></tr>"
                + "<tr><td>2</td><td>A &#39;quoted&#39; &amp; ampersand</td></tr>"
                + "<tr><td>0</td><td>Additional fortune added at request time.</td></tr>"
                + "<tr><td>12</td><td>フレームワークのベンチマーク</td></tr>"
                + "</table></body></html>", page);
    }

    @Test
    void pageOfNoRowsHasTheAddedOneOnly() {
        String page = new String(Fortune.page(List.of()), StandardCharsets.UTF_8);
        assertEquals(1, page.split("<td>0</td>", -1).length - 1);
    }

    @Test
    void worldJsonIsCompact() {
        assertEquals("{\"id\":17,\"randomNumber\":9001}", new String(new World(17, 9001).json(), StandardCharsets.US_ASCII));
    }

    @Test
    void randomIdsStayInTheTable() {
        for (int i = 0; i < 10_000; i++) {
            int id = World.randomId();
            if (id < 1 || id > World.ROWS) {
                throw new AssertionError("id " + id);
            }
        }
    }

    @Test
    void settingsComeFromTheCommandLine() {
        DbSettings settings = DbSettings.parse(new String[] {"--port", "1", "--db-url",
                "jdbc:postgresql://127.0.0.1:5/db?user=u&password=p", "--db-pool", "3"});
        assertEquals(3, settings.poolSize());
        assertEquals("postgresql://127.0.0.1:5/db?user=u&password=p", settings.uri());
        assertEquals(false, DbSettings.parse(new String[] {"--port", "1"}).enabled());
        assertThrows(IllegalArgumentException.class, () -> DbSettings.parse(new String[] {"--db-url", "mysql://x"}));
        assertThrows(IllegalArgumentException.class, () -> DbSettings.parse(new String[] {"--db-pool", "0"}));
    }
}
