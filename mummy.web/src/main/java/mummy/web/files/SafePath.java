package mummy.web.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the raw path of a request-target into file-name segments that cannot leave a directory:
 * each segment is percent-decoded on its own (RFC 3986 section 2.1) as strict UTF-8, after the
 * path was split on {@code /}, so an encoded {@code %2F} never becomes a separator.
 *
 * <p>Verdicts: {@link Segments} (the names, and whether the path ended in {@code /}),
 * {@link #BAD_REQUEST} (a broken escape, malformed UTF-8, or a segment that decodes to one holding
 * {@code /}, {@code \}, NUL or another control character: nothing a file name of ours can hold),
 * {@link #NOT_FOUND} ({@code .} or {@code ..}, an empty segment, or a hidden name when those are
 * not served).
 *
 * <p>Threading: stateless.
 */
final class SafePath {

    /** The outcome of {@link #parse}. */
    sealed interface Verdict permits Segments, Refusal {
    }

    /**
     * Safe names to resolve one after another below the root.
     *
     * @param names the decoded segments, none empty, none {@code .} or {@code ..}
     * @param directory whether the path ended in {@code /} (or named the root itself)
     */
    record Segments(List<String> names, boolean directory) implements Verdict {
    }

    /**
     * A path refused with a status.
     *
     * @param status 400 or 404
     */
    record Refusal(int status) implements Verdict {
    }

    static final Refusal BAD_REQUEST = new Refusal(400);
    static final Refusal NOT_FOUND = new Refusal(404);

    private SafePath() {
    }

    /**
     * Parses the part of a raw path below the served prefix.
     *
     * @param rest the raw path after the prefix: empty, or starting with {@code /}
     * @param hiddenAllowed whether names starting with {@code .} may be served
     * @return the verdict
     */
    static Verdict parse(String rest, boolean hiddenAllowed) {
        if (rest.isEmpty() || rest.equals("/")) {
            return new Segments(List.of(), true);
        }
        String[] raw = rest.substring(1).split("/", -1);
        boolean directory = raw[raw.length - 1].isEmpty();
        int count = directory ? raw.length - 1 : raw.length;
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = decode(raw[i]);
            if (name == null) {
                return BAD_REQUEST;
            }
            if (name.isEmpty() || name.equals(".") || name.equals("..") || (!hiddenAllowed && name.startsWith("."))) {
                return NOT_FOUND;
            }
            names.add(name);
        }
        return new Segments(List.copyOf(names), directory);
    }

    /** Percent-decodes one segment as strict UTF-8; null if it is broken or decodes to a forbidden character. */
    static String decode(String segment) {
        byte[] bytes = new byte[segment.length()];
        int length = 0;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return null;
                }
                int high = Character.digit(segment.charAt(i + 1), 16);
                int low = Character.digit(segment.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (c > 0x7E) {
                return null; // a request-target is ASCII (RFC 9112 3.2)
            } else {
                bytes[length++] = (byte) c;
            }
        }
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c < 0x20 || c == 0x7F) {
                return null;
            }
        }
        return name;
    }
}
