package mummy.web.tus;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The {@code Upload-Checksum} of one {@code PATCH} request (tus 1.0.0, Checksum): an algorithm and
 * the digest the client computed over the request's body. The grammar accepted:
 * <pre>
 * Upload-Checksum = algorithm " " base64-digest
 * algorithm       = "sha1" / "sha256"      ; names are lowercase ASCII
 * </pre>
 * A plain class, not a record, because its {@code byte[]} would make a record's equality
 * meaningless; nothing compares checksums.
 *
 * <p>Threading: immutable; {@link #newDigest()} gives each caller its own digest.
 */
final class Checksum {

    /** The algorithms offered in {@code Tus-Checksum-Algorithm}; the protocol requires {@code sha1}. */
    enum Algorithm {
        SHA1("sha1", "SHA-1", 20),
        SHA256("sha256", "SHA-256", 32);

        /** The {@code Tus-Checksum-Algorithm} value: every name, comma-separated. */
        static final String NAMES = "sha1,sha256";

        private final String wireName;
        private final String jdkName;
        private final int digestLength;

        Algorithm(String wireName, String jdkName, int digestLength) {
            this.wireName = wireName;
            this.jdkName = jdkName;
            this.digestLength = digestLength;
        }

        static Algorithm of(String wireName) {
            return switch (wireName) {
                case "sha1" -> SHA1;
                case "sha256" -> SHA256;
                default -> null;
            };
        }

        String wireName() {
            return wireName;
        }
    }

    private final Algorithm algorithm;
    private final byte[] expected;

    private Checksum(Algorithm algorithm, byte[] expected) {
        this.algorithm = algorithm;
        this.expected = expected;
    }

    /**
     * Parses an {@code Upload-Checksum} value.
     *
     * @param header the header value
     * @return the checksum
     * @throws IllegalArgumentException when the algorithm is not supported or the digest is not
     *     Base64 of the algorithm's length; the server answers 400 (tus 1.0.0, Checksum, case 1)
     */
    static Checksum parse(String header) {
        int space = header.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("Upload-Checksum must be \"<algorithm> <Base64 digest>\"");
        }
        String name = header.substring(0, space);
        Algorithm algorithm = Algorithm.of(name);
        if (algorithm == null) {
            throw new IllegalArgumentException("unsupported Upload-Checksum algorithm \"" + name
                    + "\"; supported: " + Algorithm.NAMES);
        }
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(header.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Upload-Checksum digest is not Base64: " + e.getMessage(), e);
        }
        if (expected.length != algorithm.digestLength) {
            throw new IllegalArgumentException("Upload-Checksum " + name + " digest has " + expected.length
                    + " bytes, expected " + algorithm.digestLength);
        }
        return new Checksum(algorithm, expected);
    }

    Algorithm algorithm() {
        return algorithm;
    }

    /** A fresh digest of this checksum's algorithm. */
    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm.jdkName);
        } catch (NoSuchAlgorithmException e) {
            // SHA-1 and SHA-256 are required of every Java platform (MessageDigest javadoc).
            throw new IllegalStateException(algorithm.jdkName + " is missing from this Java runtime", e);
        }
    }

    /** Whether {@code actual}, the digest of the body received, is the one the client sent. */
    boolean matches(byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    @Override
    public String toString() {
        return algorithm.wireName + " " + Base64.getEncoder().encodeToString(expected);
    }
}
