package mummy.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DbCheckTest {

    private static final String HTML = "text/html; charset=utf-8";

    /** The right page, built here independently of the servers' renderer. */
    private static String goodPage() {
        return "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>"
                + DbCheck.FORTUNES.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                        .map(e -> "<tr><td>" + e.getKey() + "</td><td>" + escape(e.getValue()) + "</td></tr>")
                        .collect(Collectors.joining())
                + "</table></body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static HttpResponse response(int status, String type, byte[] body) {
        return new HttpResponse(status, type == null ? Map.of() : Map.of("content-type", type), body);
    }

    private static String fortunes(String page) {
        return DbCheck.fortunes(response(200, HTML, page.getBytes(StandardCharsets.UTF_8)));
    }

    private static String world(String json) {
        return DbCheck.world(response(200, "application/json", json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rightFortunesPagePasses() {
        assertNull(fortunes(goodPage()));
        assertTrue(goodPage().contains("&lt;script&gt;"));
    }

    @Test
    void whitespaceBetweenTagsAndOtherQuoteReferencesPass() {
        assertNull(fortunes(goodPage().replace("<tr>", "\n  <tr>").replace("</table>", "\n</table>\n").replace("&#39;", "&#x27;")));
        assertNull(DbCheck.fortunes(response(200, "text/html;charset=UTF-8", goodPage().getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void unescapedScriptFails() {
        String raw = goodPage().replace("&lt;script&gt;", "<script>");
        assertNotNull(fortunes(raw));
    }

    @Test
    void doubleEscapedOrBareAmpersandFails() {
        assertNotNull(fortunes(goodPage().replace("&lt;script&gt;", "&amp;lt;script&amp;gt;")));
        assertNotNull(fortunes(goodPage().replace("aren&#39;t", "aren&t")));
    }

    @Test
    void missingAddedRowFails() {
        String page = goodPage().replace("<tr><td>0</td><td>Additional fortune added at request time.</td></tr>", "");
        assertEquals("12 rows, expected each of the 13 fortunes once", fortunes(page));
    }

    @Test
    void duplicatedRowFails() {
        String row = "<tr><td>7</td><td>Any program that runs right is obsolete.</td></tr>";
        assertNotNull(fortunes(goodPage().replace(row, row + row)));
    }

    @Test
    void unsortedRowsFail() {
        String first = "<tr><td>11</td><td>" + escape(DbCheck.FORTUNES.get(11)) + "</td></tr>";
        String page = goodPage().replace(first, "").replace("</table>", first + "</table>");
        assertTrue(fortunes(page).startsWith("not sorted by message"), fortunes(page));
    }

    @Test
    void mangledJapaneseFails() {
        byte[] latin1 = goodPage().getBytes(StandardCharsets.UTF_8);
        String mojibake = new String(latin1, StandardCharsets.ISO_8859_1);
        assertNotNull(fortunes(mojibake));
        UnaryOperator<String> truncate = p -> p.replace("フレームワークのベンチマーク", "フレームワーク");
        assertNotNull(fortunes(truncate.apply(goodPage())));
        byte[] invalid = goodPage().getBytes(StandardCharsets.UTF_8);
        int at = goodPage().indexOf("フ");
        invalid[goodPage().substring(0, at).getBytes(StandardCharsets.UTF_8).length] = (byte) 0xFF;
        assertEquals("body is not valid UTF-8", DbCheck.fortunes(response(200, HTML, invalid)));
    }

    @Test
    void wrongTypeOrStatusFails() {
        byte[] page = goodPage().getBytes(StandardCharsets.UTF_8);
        assertNotNull(DbCheck.fortunes(response(200, "text/html", page)));
        assertNotNull(DbCheck.fortunes(response(200, null, page)));
        assertEquals("status 500", DbCheck.fortunes(response(500, HTML, page)));
    }

    @Test
    void rightWorldPasses() {
        assertNull(world("{\"id\":1,\"randomNumber\":10000}"));
        assertNull(world("{ \"id\" : 4174, \"randomNumber\" : 331 }"));
        assertEquals(4174, DbCheck.worldId(response(200, "application/json",
                "{\"id\":4174,\"randomNumber\":331}".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void worldOutOfRangeOrMisshapenFails() {
        assertNotNull(world("{\"id\":0,\"randomNumber\":5}"));
        assertNotNull(world("{\"id\":10001,\"randomNumber\":5}"));
        assertNotNull(world("{\"id\":5,\"randomnumber\":5}"));
        assertNotNull(world("[{\"id\":5,\"randomNumber\":5}]"));
        assertNotNull(world("{\"id\":\"5\",\"randomNumber\":5}"));
        assertNotNull(DbCheck.world(response(200, "text/plain", "{\"id\":5,\"randomNumber\":5}".getBytes(StandardCharsets.US_ASCII))));
    }
}
