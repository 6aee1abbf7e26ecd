package mummy.benchmarks.load;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the answers of the database workloads, TechEmpower's single query and fortunes, against
 * the tables {@code benchmarks/lib/postgres.sh} seeds: {@link #world} a {@code GET /db} answer,
 * {@link #fortunes} a {@code GET /fortunes} page. Each returns null when the answer is right, else
 * what is wrong. Whitespace between the tags is allowed; everything else is checked.
 */
final class DbCheck {

    /** Rows of {@code world}; ids and numbers are 1 to this. */
    static final int WORLD_ROWS = 10_000;

    /** The seeded {@code fortune} rows by id, and the one every request adds (id 0), unescaped. */
    static final Map<Integer, String> FORTUNES = Map.ofEntries(
            Map.entry(0, "Additional fortune added at request time."),
            Map.entry(1, "fortune: No such file or directory"),
            Map.entry(2, "A computer scientist is someone who fixes things that aren't broken."),
            Map.entry(3, "After enough decimal places, nobody gives a damn."),
            Map.entry(4, "A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1"),
            Map.entry(5, "A computer program does what you tell it to do, not what you want it to do."),
            Map.entry(6, "Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen"),
            Map.entry(7, "Any program that runs right is obsolete."),
            Map.entry(8, "A list is only as strong as its weakest link. — Donald Knuth"),
            Map.entry(9, "Feature: A bug with seniority."),
            Map.entry(10, "Computers make very fast, very accurate mistakes."),
            Map.entry(11, "<script>alert(\"This should not be displayed in a browser alert box.\");</script>"),
            Map.entry(12, "フレームワークのベンチマーク"));

    private static final Pattern WORLD = Pattern.compile("\\s*\\{\\s*\"id\"\\s*:\\s*(\\d{1,9})\\s*,\\s*\"randomNumber\"\\s*:\\s*(\\d{1,9})\\s*}\\s*");
    private static final Pattern PAGE = Pattern.compile("(?s)\\s*<!DOCTYPE html>\\s*<html>\\s*<head>\\s*<title>Fortunes</title>\\s*</head>\\s*"
            + "<body>\\s*<table>\\s*<tr>\\s*<th>id</th>\\s*<th>message</th>\\s*</tr>(.*)</table>\\s*</body>\\s*</html>\\s*");
    private static final Pattern ROW = Pattern.compile("(?s)\\s*<tr>\\s*<td>(\\d{1,9})</td>\\s*<td>(.*?)</td>\\s*</tr>");
    private static final Pattern REFERENCE = Pattern.compile("&(amp|lt|gt|quot|apos|#39|#x27|#34|#x22);");

    private DbCheck() {
    }

    /**
     * Checks one {@code GET /db} answer: 200, {@code application/json}, {@code {"id":N,"randomNumber":M}}
     * with both in 1 to {@value #WORLD_ROWS}.
     *
     * @return null when right, else the problem
     */
    static String world(HttpResponse response) {
        String problem = statusAndType(response, "application/json");
        if (problem != null) {
            return problem;
        }
        String body = utf8(response.body());
        Matcher m = body == null ? null : WORLD.matcher(body);
        if (m == null || !m.matches()) {
            return "body is not {\"id\":N,\"randomNumber\":M}: " + preview(response.body());
        }
        int id = Integer.parseInt(m.group(1));
        int number = Integer.parseInt(m.group(2));
        if (id < 1 || id > WORLD_ROWS || number < 1 || number > WORLD_ROWS) {
            return "id " + id + " or randomNumber " + number + " outside 1.." + WORLD_ROWS;
        }
        return null;
    }

    /** The id of a {@code GET /db} answer that {@link #world} accepted. */
    static int worldId(HttpResponse response) {
        Matcher m = WORLD.matcher(utf8(response.body()));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a world answer");
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * Checks one {@code GET /fortunes} answer: 200, {@code text/html; charset=utf-8}, valid UTF-8,
     * TechEmpower's page with one row per seeded fortune plus the added one (13), each message as
     * seeded once unescaped (so the Japanese one intact), text HTML-escaped (no raw {@code <} or
     * {@code >}, every {@code &} a character reference: {@code <script>} arrives as
     * {@code &lt;script&gt;}), rows sorted by message.
     *
     * @return null when right, else the problem
     */
    static String fortunes(HttpResponse response) {
        String problem = statusAndType(response, "text/html;charset=utf-8");
        if (problem != null) {
            return problem;
        }
        String body = utf8(response.body());
        if (body == null) {
            return "body is not valid UTF-8";
        }
        Matcher page = PAGE.matcher(body);
        if (!page.matches()) {
            return "not the fortunes page (doctype, head, table header): " + preview(response.body());
        }
        List<String> messages = new ArrayList<>();
        String rows = page.group(1);
        Matcher row = ROW.matcher(rows);
        int end = 0;
        while (row.find() && row.start() == end) {
            end = row.end();
            int id = Integer.parseInt(row.group(1));
            String escaped = row.group(2);
            String message = unescape(escaped);
            if (message == null) {
                return "row " + id + ": text not HTML-escaped: " + escaped;
            }
            String seeded = FORTUNES.get(id);
            if (seeded == null || !seeded.equals(message)) {
                return "row " + id + ": message " + (seeded == null ? "of an unknown id" : "differs from the table's") + ": " + message;
            }
            messages.add(message);
        }
        if (!rows.substring(end).isBlank()) {
            return "not a table row: " + rows.substring(end, Math.min(rows.length(), end + 80));
        }
        if (messages.size() != FORTUNES.size() || messages.stream().distinct().count() != FORTUNES.size()) {
            return messages.size() + " rows, expected each of the " + FORTUNES.size() + " fortunes once";
        }
        for (int i = 1; i < messages.size(); i++) {
            if (messages.get(i - 1).compareTo(messages.get(i)) > 0) {
                return "not sorted by message: \"" + messages.get(i - 1) + "\" before \"" + messages.get(i) + "\"";
            }
        }
        return null;
    }

    /** The text of escaped element content, or null when it has a raw {@code <}, {@code >} or a bare {@code &}. */
    static String unescape(String escaped) {
        if (escaped.indexOf('<') >= 0 || escaped.indexOf('>') >= 0) {
            return null;
        }
        StringBuilder out = new StringBuilder(escaped.length());
        Matcher ref = REFERENCE.matcher(escaped);
        int at = 0;
        while (at < escaped.length()) {
            int amp = escaped.indexOf('&', at);
            if (amp < 0) {
                out.append(escaped, at, escaped.length());
                break;
            }
            out.append(escaped, at, amp);
            if (!ref.region(amp, escaped.length()).lookingAt()) {
                return null;
            }
            out.append(switch (ref.group(1)) {
                case "amp" -> '&';
                case "lt" -> '<';
                case "gt" -> '>';
                case "quot", "#34", "#x22" -> '"';
                default -> '\'';
            });
            at = ref.end();
        }
        return out.toString();
    }

    private static String statusAndType(HttpResponse response, String type) {
        if (response.status() != 200) {
            return "status " + response.status();
        }
        String actual = response.header("content-type");
        if (actual == null || !actual.replace(" ", "").toLowerCase(Locale.ROOT).equals(type)) {
            return "Content-Type " + actual + ", expected " + type;
        }
        return null;
    }

    /** Strict UTF-8 decoding: null when the bytes are not UTF-8. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
        return body.length > 120 ? text + "…" : text;
    }
}
