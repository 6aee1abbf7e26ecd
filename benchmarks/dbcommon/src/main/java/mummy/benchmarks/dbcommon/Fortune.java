package mummy.benchmarks.dbcommon;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A row of TechEmpower's {@code fortune} table, and the fortunes page built from all of them: the
 * rows plus one added at request time, sorted by message, HTML-escaped, in UTF-8.
 *
 * @param id the row's id
 * @param message its text, not yet escaped
 */
public record Fortune(int id, String message) {

    /** The statement that reads every row. */
    public static final String QUERY = "SELECT id, message FROM fortune";

    /** The row every request adds before sorting (TechEmpower's rule). */
    public static final Fortune ADDED = new Fortune(0, "Additional fortune added at request time.");

    /** The content type of {@link #page}. */
    public static final String CONTENT_TYPE = "text/html; charset=utf-8";

    private static final String HEAD = "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
            + "<tr><th>id</th><th>message</th></tr>";
    private static final String TAIL = "</table></body></html>";

    /** Validates the row. */
    public Fortune {
        Objects.requireNonNull(message, "message");
    }

    /**
     * The fortunes page of {@code rows} (as read from the table, in any order): the rows and
     * {@link #ADDED}, sorted by message (String order), each message HTML-escaped.
     *
     * @param rows the table's rows
     * @return the page in UTF-8
     */
    public static byte[] page(List<Fortune> rows) {
        List<Fortune> all = new ArrayList<>(rows.size() + 1);
        all.addAll(rows);
        all.add(ADDED);
        all.sort(Comparator.comparing(Fortune::message));
        StringBuilder html = new StringBuilder(HEAD.length() + TAIL.length() + all.size() * 96).append(HEAD);
        for (Fortune fortune : all) {
            html.append("<tr><td>").append(fortune.id()).append("</td><td>");
            escape(fortune.message(), html);
            html.append("</td></tr>");
        }
        return html.append(TAIL).toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Appends {@code text} with the five characters that HTML gives meaning to replaced by their
     * character references, so that text is text in element content and in attribute values.
     */
    static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
