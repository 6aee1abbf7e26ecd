package mummy.api;

/** Character classes of RFC 9110 section 5.6.2 (tokens). */
final class Tokens {

    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private Tokens() {
    }

    /** Whether {@code c} is a tchar: {@code ALPHA / DIGIT / "!#$%&'*+-.^_`|~"}. */
    static boolean isTchar(int c) {
        return c >= 0 && c < 128 && TCHAR[c];
    }

    /** Whether {@code text} is a non-empty token (RFC 9110 5.6.2). */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isTchar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
