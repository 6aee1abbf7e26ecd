package mummy.web.tus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The metadata of a tus upload, from the {@code Upload-Metadata} header of its creation request
 * (tus 1.0.0, Creation, "Upload-Metadata"). The grammar accepted:
 * <pre>
 * Upload-Metadata = pair *( "," pair )
 * pair            = OWS key [ " " value ] OWS
 * key             = 1*( %x21-2B / %x2D-7E )   ; visible ASCII except ","; unique
 * value           = base64                    ; RFC 4648 section 4, may be empty
 * </pre>
 * The original header text is kept and given back unchanged in {@code HEAD} responses, as the
 * protocol asks; the values are decoded bytes (read them as text with {@link #text}).
 *
 * <p>Threading: immutable.
 */
public final class UploadMetadata {

    private static final UploadMetadata EMPTY = new UploadMetadata("", Map.of());

    private final String header;
    private final Map<String, byte[]> values;

    private UploadMetadata(String header, Map<String, byte[]> values) {
        this.header = header;
        this.values = values;
    }

    /**
     * Metadata with no pairs, for an upload created without {@code Upload-Metadata}.
     *
     * @return the empty metadata
     */
    public static UploadMetadata empty() {
        return EMPTY;
    }

    /**
     * Parses an {@code Upload-Metadata} header value.
     *
     * @param header the header value
     * @return the metadata
     * @throws IllegalArgumentException saying what is wrong with the header
     */
    public static UploadMetadata parse(String header) {
        Objects.requireNonNull(header, "header");
        Map<String, byte[]> values = new LinkedHashMap<>();
        // tus 1.0.0 Upload-Metadata: "MUST consist of one or more comma-separated key-value pairs".
        for (String element : header.split(",", -1)) {
            String pair = element.strip();
            if (pair.isEmpty()) {
                throw new IllegalArgumentException("Upload-Metadata has an empty pair: \"" + header + "\"");
            }
            int space = pair.indexOf(' ');
            String key = space < 0 ? pair : pair.substring(0, space);
            String encoded = space < 0 ? "" : pair.substring(space + 1);
            checkKey(key);
            if (values.put(key, decode(key, encoded)) != null) {
                throw new IllegalArgumentException("Upload-Metadata key \"" + key + "\" appears twice (keys MUST be unique)");
            }
        }
        return new UploadMetadata(header, Collections.unmodifiableMap(values));
    }

    /** The key "MUST NOT contain spaces and commas and MUST NOT be empty" and "SHOULD be ASCII". */
    private static void checkKey(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException("Upload-Metadata key \"" + key
                        + "\" has a character other than visible ASCII");
            }
        }
    }

    /** The value "MUST be Base64 encoded" and "MAY be empty". */
    private static byte[] decode(String key, String encoded) {
        if (encoded.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("Upload-Metadata value of \"" + key + "\" has a space");
        }
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Upload-Metadata value of \"" + key + "\" is not Base64: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The keys, in the order sent.
     *
     * @return the keys
     */
    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * Whether there are no pairs.
     *
     * @return true for the empty metadata
     */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * The decoded value of a key.
     *
     * @param key the key
     * @return a copy of the value's bytes, or null when the key is absent
     */
    public byte[] value(String key) {
        byte[] value = values.get(key);
        return value == null ? null : value.clone();
    }

    /**
     * The decoded value of a key read as UTF-8, which is what browser and Node clients send.
     *
     * @param key the key
     * @return the value as text, or null when the key is absent
     */
    public String text(String key) {
        byte[] value = values.get(key);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * The header value as the client sent it; the empty string for the empty metadata.
     *
     * @return the {@code Upload-Metadata} value
     */
    public String header() {
        return header;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UploadMetadata that && header.equals(that.header);
    }

    @Override
    public int hashCode() {
        return header.hashCode();
    }

    /** The keys and decoded values as text, for logs. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("UploadMetadata{");
        for (String key : values.keySet()) {
            text.append(text.length() > 15 ? ", " : "").append(key).append('=').append(text(key));
        }
        return text.append('}').toString();
    }
}
