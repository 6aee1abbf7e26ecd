package mummy.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The checks {@link SetCookie.Builder#build()} makes, one method per rule of RFC 6265bis (cited
 * next to each). Every failure is an {@link IllegalArgumentException} that names the cookie.
 *
 * <p>Threading: stateless.
 */
final class CookieRules {

    private CookieRules() {
    }

    /** The name, the value and each attribute's own syntax. */
    static void check(String name, String value, String path, String domain, Instant expires) {
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("cookie name \"" + name + "\" is not a token (RFC 6265bis 4.1.1,"
                    + " RFC 9110 5.6.2: letters, digits and !#$%&'*+-.^_`|~ only)");
        }
        checkValue(name, value);
        if (name.length() + value.getBytes(StandardCharsets.UTF_8).length > SetCookie.MAX_NAME_VALUE_OCTETS) {
            throw new IllegalArgumentException("cookie " + name + ": name and value together are longer than "
                    + SetCookie.MAX_NAME_VALUE_OCTETS + " octets, which user agents ignore (RFC 6265bis 5.6)");
        }
        if (path != null) {
            checkPath(name, path);
        }
        if (domain != null) {
            checkDomain(name, domain);
        }
        if (expires != null) {
            int year = expires.atOffset(ZoneOffset.UTC).getYear();
            if (year < 1601 || year > 9999) {
                throw new IllegalArgumentException("cookie " + name + ": Expires must be in the years 1601 to 9999"
                        + " (RFC 6265bis 5.1.1), not " + expires);
            }
        }
    }

    /**
     * The attributes that depend on one another: the name's prefix (RFC 6265bis 4.1.3, matched
     * ignoring case as 5.7 tells user agents to), {@code SameSite=None} and {@code Partitioned}.
     */
    static void checkAttributes(String name, String path, String domain, boolean secure, boolean sameSiteNone,
                                boolean partitioned) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("__secure-") && !secure) {
            throw new IllegalArgumentException("cookie " + name + ": a __Secure- cookie needs Secure"
                    + " (RFC 6265bis 4.1.3.1)");
        }
        if (lower.startsWith("__host-")) {
            if (!secure || !"/".equals(path) || domain != null) {
                throw new IllegalArgumentException("cookie " + name + ": a __Host- cookie needs Secure, Path=/ and no"
                        + " Domain (RFC 6265bis 4.1.3.2); it has " + (secure ? "Secure" : "no Secure")
                        + ", " + (path == null ? "no Path" : "Path=" + path)
                        + (domain == null ? "" : ", Domain=" + domain));
            }
        }
        if (sameSiteNone && !secure) {
            throw new IllegalArgumentException("cookie " + name + ": SameSite=None needs Secure; user agents ignore"
                    + " the cookie otherwise (RFC 6265bis 5.7)");
        }
        if (partitioned && !secure) {
            throw new IllegalArgumentException("cookie " + name + ": Partitioned needs Secure"
                    + " (CHIPS, draft-cutler-httpbis-partitioned-cookies 2.1)");
        }
    }

    /**
     * RFC 6265bis 4.1.1: {@code cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE )},
     * {@code cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E}.
     */
    private static void checkValue(String name, String value) {
        int start = 0;
        int end = value.length();
        if (end >= 2 && value.charAt(0) == '"' && value.charAt(end - 1) == '"') {
            start = 1;
            end--;
        }
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (!isCookieOctet(c)) {
                throw new IllegalArgumentException("cookie " + name + ": the value has " + describe(c) + " at index " + i
                        + ", which is not a cookie-octet (RFC 6265bis 4.1.1: no space, \" , ; \\, control or"
                        + " non-ASCII characters; encode the value, for example as Base64url)");
            }
        }
    }

    static boolean isCookieOctet(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x2B) || (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B)
                || (c >= 0x5D && c <= 0x7E);
    }

    /** RFC 6265bis 4.1.2.4 and 5.6.4: {@code path-value = *av-octet}, and a user agent ignores one without "/". */
    private static void checkPath(String name, String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("cookie " + name + ": Path must start with / (RFC 6265bis 5.6.4),"
                    + " not \"" + path + "\"");
        }
        checkAttributeOctets(name, "Path", path);
    }

    /**
     * RFC 6265bis 4.1.2.3: {@code domain-value = <subdomain>} of RFC 1034 3.5 as RFC 1123 2.1
     * widens it (labels may start with a digit): labels of letters, digits and hyphens, 1 to 63
     * characters, not starting or ending with a hyphen; a leading dot is allowed (5.6.3 drops it).
     */
    private static void checkDomain(String name, String domain) {
        checkAttributeOctets(name, "Domain", domain);
        String host = domain.startsWith(".") ? domain.substring(1) : domain;
        if (host.isEmpty() || host.length() > 253) {
            throw badDomain(name, domain, "it must be a host name of 1 to 253 characters");
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                throw badDomain(name, domain, "each label must have 1 to 63 characters and not start or end with -");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                    throw badDomain(name, domain, "it has " + describe(c) + " (letters, digits, - and . only;"
                            + " an internationalised name goes in its xn-- form)");
                }
            }
        }
    }

    private static IllegalArgumentException badDomain(String name, String domain, String why) {
        return new IllegalArgumentException("cookie " + name + ": Domain \"" + domain + "\" is not a domain name"
                + " (RFC 6265bis 4.1.2.3): " + why);
    }

    /** RFC 6265bis 4.1.1: {@code av-octet} is any CHAR but CTLs and ";"; 5.6: at most 1024 octets. */
    private static void checkAttributeOctets(String name, String attribute, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == ';') {
                throw new IllegalArgumentException("cookie " + name + ": " + attribute + " has " + describe(c)
                        + " at index " + i + " (RFC 6265bis 4.1.1: no control characters, ; or non-ASCII)");
            }
        }
        if (text.length() > SetCookie.MAX_ATTRIBUTE_OCTETS) {
            throw new IllegalArgumentException("cookie " + name + ": " + attribute + " is longer than "
                    + SetCookie.MAX_ATTRIBUTE_OCTETS + " octets, which user agents ignore (RFC 6265bis 5.6)");
        }
    }

    private static String describe(char c) {
        return c > 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
