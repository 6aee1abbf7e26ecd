package mummy.web.upload;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a file name sent by a client into one that is safe to create in a directory: never a
 * path, never hidden, never a device, bounded in length.
 *
 * <p>The rules, in order: keep only what follows the last {@code /} or {@code \} (browsers and
 * old clients send whole paths); normalise to Unicode NFC; drop control and invisible format
 * characters (C0, DEL, C1, and e.g. U+202E, which can make {@code exe.txt} look like
 * {@code txt.exe}); replace {@code < > : " | ? *} (not allowed on Windows, and {@code :} makes
 * NTFS streams) with {@code _}; trim spaces and dots at both ends (no hidden files, no {@code ..},
 * Windows drops trailing ones anyway); prefix Windows device names ({@code CON}, {@code NUL},
 * {@code COM1}, ...) with {@code _}; shorten to {@link #DEFAULT_MAX_BYTES} bytes of UTF-8,
 * keeping an extension of up to 16 bytes. A name left empty becomes {@code upload-<16 hex digits>}.
 *
 * <p>Threading: stateless, safe from any thread.
 */
public final class FileNames {

    /** Leaves room within the common 255-byte limit of file systems for a collision suffix. */
    public static final int DEFAULT_MAX_BYTES = 200;

    private static final int MAX_EXTENSION_BYTES = 16;
    private static final String UNSAFE = "<>:\"|?*";
    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
    private static final SecureRandom RANDOM = new SecureRandom();

    private FileNames() {
    }

    /**
     * A safe file name from a client-supplied one, at most {@link #DEFAULT_MAX_BYTES} bytes.
     *
     * @param clientName the name as sent, or null
     * @return a non-empty name without directory parts, safe on common file systems
     */
    public static String sanitize(String clientName) {
        return sanitize(clientName, DEFAULT_MAX_BYTES);
    }

    /**
     * A safe file name from a client-supplied one.
     *
     * @param clientName the name as sent, or null
     * @param maxBytes the most UTF-8 bytes of the result, at least 32
     * @return a non-empty name without directory parts, safe on common file systems
     * @throws IllegalArgumentException if {@code maxBytes} is below 32
     */
    public static String sanitize(String clientName, int maxBytes) {
        if (maxBytes < 32) {
            throw new IllegalArgumentException("maxBytes must be at least 32, got " + maxBytes);
        }
        if (clientName == null) {
            return generated();
        }
        String name = clientName.substring(Math.max(clientName.lastIndexOf('/'), clientName.lastIndexOf('\\')) + 1);
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        StringBuilder kept = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (!isInvisible(c)) {
                kept.appendCodePoint(UNSAFE.indexOf(c) >= 0 ? '_' : c);
            }
        });
        name = trim(kept.toString());
        if (name.isEmpty()) {
            return generated();
        }
        int dot = name.indexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        if (DEVICES.contains(stem.toUpperCase(Locale.ROOT))) {
            name = "_" + name;
        }
        return shorten(name, maxBytes);
    }

    /** A name for an upload whose client name leaves nothing: {@code upload-} and 16 hex digits. */
    static String generated() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return "upload-" + HexFormat.of().formatHex(random);
    }

    private static boolean isInvisible(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** Removes spaces and dots from both ends. */
    private static String trim(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && isTrimmed(name.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmed(name.charAt(end - 1))) {
            end--;
        }
        return name.substring(start, end);
    }

    private static boolean isTrimmed(char c) {
        return c == '.' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Cuts the stem, on a code point boundary, until the name fits, keeping a short extension. */
    private static String shorten(String name, int maxBytes) {
        if (utf8Length(name) <= maxBytes) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && utf8Length(name.substring(dot)) <= MAX_EXTENSION_BYTES ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - extension.length());
        int budget = maxBytes - utf8Length(extension);
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < stem.length(); ) {
            int c = stem.codePointAt(i);
            int size = utf8Length(Character.toString(c));
            if (bytes + size > budget) {
                break;
            }
            cut.appendCodePoint(c);
            bytes += size;
            i += Character.charCount(c);
        }
        String result = trim(cut.toString()) + extension;
        return trim(result).isEmpty() ? generated() + extension : result;
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
