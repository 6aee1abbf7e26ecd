package mummy.api;

/**
 * HTTP status codes: a constant for each permanent code of the IANA HTTP Status Code Registry
 * (<a href="https://www.iana.org/assignments/http-status-codes">iana.org/assignments/http-status-codes</a>),
 * named as RFC 9110 section 15 names them, and the reason phrase the server sends with each:
 *
 * <pre>{@code
 * request.respond(Status.CREATED, HttpHeaders.of("Location", "/orders/42"), "");
 * Status.reasonPhrase(Status.CONTENT_TOO_LARGE); // "Content Too Large"
 * Status.reasonPhrase(499);                       // "Client Error": not registered
 * }</pre>
 *
 * <p>Two of the registry's entries are "(Unused)": 306 (RFC 9110 15.4.7) has no constant and is
 * not {@linkplain #isRegistered(int) registered} here; 418 (RFC 9110 15.5.19) is reserved because
 * the joke of RFC 2324 is deployed too widely for the code to be given another meaning, and has
 * the constant {@link #IM_A_TEAPOT} with the phrase {@code I'm a teapot}. A temporary
 * registration (104, for draft-ietf-httpbis-resumable-upload) gets a constant once it is made
 * permanent; 510, marked obsoleted, keeps its constant. Codes without a constant may still be
 * sent: the server sends them with the phrase of their class ({@code 299 Success}), except 460,
 * which goes out as tus 1.0.0's {@code 460 Checksum Mismatch}.
 *
 * <p>Threading: stateless.
 */
public final class Status {

    // 1xx: Informational (RFC 9110 15.2)

    /** 100 Continue (RFC 9110 15.2.1). */
    public static final int CONTINUE = 100;
    /** 101 Switching Protocols (RFC 9110 15.2.2). */
    public static final int SWITCHING_PROTOCOLS = 101;
    /** 102 Processing (RFC 2518 10.1). */
    public static final int PROCESSING = 102;
    /** 103 Early Hints (RFC 8297 2). */
    public static final int EARLY_HINTS = 103;

    // 2xx: Successful (RFC 9110 15.3)

    /** 200 OK (RFC 9110 15.3.1). */
    public static final int OK = 200;
    /** 201 Created (RFC 9110 15.3.2). */
    public static final int CREATED = 201;
    /** 202 Accepted (RFC 9110 15.3.3). */
    public static final int ACCEPTED = 202;
    /** 203 Non-Authoritative Information (RFC 9110 15.3.4). */
    public static final int NON_AUTHORITATIVE_INFORMATION = 203;
    /** 204 No Content (RFC 9110 15.3.5). */
    public static final int NO_CONTENT = 204;
    /** 205 Reset Content (RFC 9110 15.3.6). */
    public static final int RESET_CONTENT = 205;
    /** 206 Partial Content (RFC 9110 15.3.7). */
    public static final int PARTIAL_CONTENT = 206;
    /** 207 Multi-Status (RFC 4918 11.1). */
    public static final int MULTI_STATUS = 207;
    /** 208 Already Reported (RFC 5842 7.1). */
    public static final int ALREADY_REPORTED = 208;
    /** 226 IM Used (RFC 3229 10.4.1). */
    public static final int IM_USED = 226;

    // 3xx: Redirection (RFC 9110 15.4)

    /** 300 Multiple Choices (RFC 9110 15.4.1). */
    public static final int MULTIPLE_CHOICES = 300;
    /** 301 Moved Permanently (RFC 9110 15.4.2). */
    public static final int MOVED_PERMANENTLY = 301;
    /** 302 Found (RFC 9110 15.4.3). */
    public static final int FOUND = 302;
    /** 303 See Other (RFC 9110 15.4.4). */
    public static final int SEE_OTHER = 303;
    /** 304 Not Modified (RFC 9110 15.4.5). */
    public static final int NOT_MODIFIED = 304;
    /** 305 Use Proxy (RFC 9110 15.4.6: deprecated). */
    public static final int USE_PROXY = 305;
    /** 307 Temporary Redirect (RFC 9110 15.4.8). */
    public static final int TEMPORARY_REDIRECT = 307;
    /** 308 Permanent Redirect (RFC 9110 15.4.9). */
    public static final int PERMANENT_REDIRECT = 308;

    // 4xx: Client Error (RFC 9110 15.5)

    /** 400 Bad Request (RFC 9110 15.5.1). */
    public static final int BAD_REQUEST = 400;
    /** 401 Unauthorized (RFC 9110 15.5.2). */
    public static final int UNAUTHORIZED = 401;
    /** 402 Payment Required (RFC 9110 15.5.3). */
    public static final int PAYMENT_REQUIRED = 402;
    /** 403 Forbidden (RFC 9110 15.5.4). */
    public static final int FORBIDDEN = 403;
    /** 404 Not Found (RFC 9110 15.5.5). */
    public static final int NOT_FOUND = 404;
    /** 405 Method Not Allowed (RFC 9110 15.5.6). */
    public static final int METHOD_NOT_ALLOWED = 405;
    /** 406 Not Acceptable (RFC 9110 15.5.7). */
    public static final int NOT_ACCEPTABLE = 406;
    /** 407 Proxy Authentication Required (RFC 9110 15.5.8). */
    public static final int PROXY_AUTHENTICATION_REQUIRED = 407;
    /** 408 Request Timeout (RFC 9110 15.5.9). */
    public static final int REQUEST_TIMEOUT = 408;
    /** 409 Conflict (RFC 9110 15.5.10). */
    public static final int CONFLICT = 409;
    /** 410 Gone (RFC 9110 15.5.11). */
    public static final int GONE = 410;
    /** 411 Length Required (RFC 9110 15.5.12). */
    public static final int LENGTH_REQUIRED = 411;
    /** 412 Precondition Failed (RFC 9110 15.5.13). */
    public static final int PRECONDITION_FAILED = 412;
    /** 413 Content Too Large (RFC 9110 15.5.14; "Payload Too Large" before). */
    public static final int CONTENT_TOO_LARGE = 413;
    /** 414 URI Too Long (RFC 9110 15.5.15). */
    public static final int URI_TOO_LONG = 414;
    /** 415 Unsupported Media Type (RFC 9110 15.5.16). */
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    /** 416 Range Not Satisfiable (RFC 9110 15.5.17). */
    public static final int RANGE_NOT_SATISFIABLE = 416;
    /** 417 Expectation Failed (RFC 9110 15.5.18). */
    public static final int EXPECTATION_FAILED = 417;
    /**
     * 418 I'm a teapot (RFC 2324 2.3.2): "(Unused)" in the registry, reserved by RFC 9110 15.5.19
     * so that the joke keeps its meaning; sent with the phrase {@code I'm a teapot}.
     */
    public static final int IM_A_TEAPOT = 418;
    /** 421 Misdirected Request (RFC 9110 15.5.20). */
    public static final int MISDIRECTED_REQUEST = 421;
    /** 422 Unprocessable Content (RFC 9110 15.5.21; "Unprocessable Entity" before). */
    public static final int UNPROCESSABLE_CONTENT = 422;
    /** 423 Locked (RFC 4918 11.3). */
    public static final int LOCKED = 423;
    /** 424 Failed Dependency (RFC 4918 11.4). */
    public static final int FAILED_DEPENDENCY = 424;
    /** 425 Too Early (RFC 8470 5.2). */
    public static final int TOO_EARLY = 425;
    /** 426 Upgrade Required (RFC 9110 15.5.22). */
    public static final int UPGRADE_REQUIRED = 426;
    /** 428 Precondition Required (RFC 6585 3). */
    public static final int PRECONDITION_REQUIRED = 428;
    /** 429 Too Many Requests (RFC 6585 4). */
    public static final int TOO_MANY_REQUESTS = 429;
    /** 431 Request Header Fields Too Large (RFC 6585 5). */
    public static final int REQUEST_HEADER_FIELDS_TOO_LARGE = 431;
    /** 451 Unavailable For Legal Reasons (RFC 7725 3). */
    public static final int UNAVAILABLE_FOR_LEGAL_REASONS = 451;

    // 5xx: Server Error (RFC 9110 15.6)

    /** 500 Internal Server Error (RFC 9110 15.6.1). */
    public static final int INTERNAL_SERVER_ERROR = 500;
    /** 501 Not Implemented (RFC 9110 15.6.2). */
    public static final int NOT_IMPLEMENTED = 501;
    /** 502 Bad Gateway (RFC 9110 15.6.3). */
    public static final int BAD_GATEWAY = 502;
    /** 503 Service Unavailable (RFC 9110 15.6.4). */
    public static final int SERVICE_UNAVAILABLE = 503;
    /** 504 Gateway Timeout (RFC 9110 15.6.5). */
    public static final int GATEWAY_TIMEOUT = 504;
    /** 505 HTTP Version Not Supported (RFC 9110 15.6.6). */
    public static final int HTTP_VERSION_NOT_SUPPORTED = 505;
    /** 506 Variant Also Negotiates (RFC 2295 8.1). */
    public static final int VARIANT_ALSO_NEGOTIATES = 506;
    /** 507 Insufficient Storage (RFC 4918 11.5). */
    public static final int INSUFFICIENT_STORAGE = 507;
    /** 508 Loop Detected (RFC 5842 7.2). */
    public static final int LOOP_DETECTED = 508;
    /** 510 Not Extended (RFC 2774 7; obsoleted: RFC 2774 is Historic). */
    public static final int NOT_EXTENDED = 510;
    /** 511 Network Authentication Required (RFC 6585 6). */
    public static final int NETWORK_AUTHENTICATION_REQUIRED = 511;

    private Status() {
    }

    /**
     * The reason phrase of {@code code}: the registry's for a registered code, else the name of
     * its class: {@code Informational}, {@code Success}, {@code Redirection}, {@code Client Error}
     * or {@code Server Error}.
     *
     * @param code a status code, 100 to 599
     * @return the phrase, never empty
     * @throws IllegalArgumentException if {@code code} is not in 100 to 599
     */
    public static String reasonPhrase(int code) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("not an HTTP status code (100 to 599): " + code);
        }
        String phrase = registeredPhrase(code);
        if (phrase != null) {
            return phrase;
        }
        return switch (code / 100) {
            case 1 -> "Informational";
            case 2 -> "Success";
            case 3 -> "Redirection";
            case 4 -> "Client Error";
            default -> "Server Error";
        };
    }

    /**
     * {@return whether {@code code} is one of the constants of this class} These are the codes
     * the IANA registry assigns for good, and 418; not 306 (unused), not the temporary 104, and
     * no code outside 100 to 599.
     *
     * @param code any int
     */
    public static boolean isRegistered(int code) {
        return registeredPhrase(code) != null;
    }

    /**
     * {@return whether {@code code} is 1xx, informational (RFC 9110 15.2)}
     *
     * @param code any int
     */
    public static boolean isInformational(int code) {
        return code >= 100 && code <= 199;
    }

    /**
     * {@return whether {@code code} is 2xx, successful (RFC 9110 15.3)}
     *
     * @param code any int
     */
    public static boolean isSuccess(int code) {
        return code >= 200 && code <= 299;
    }

    /**
     * {@return whether {@code code} is 3xx, a redirection (RFC 9110 15.4)}
     *
     * @param code any int
     */
    public static boolean isRedirection(int code) {
        return code >= 300 && code <= 399;
    }

    /**
     * {@return whether {@code code} is 4xx, a client error (RFC 9110 15.5)}
     *
     * @param code any int
     */
    public static boolean isClientError(int code) {
        return code >= 400 && code <= 499;
    }

    /**
     * {@return whether {@code code} is 5xx, a server error (RFC 9110 15.6)}
     *
     * @param code any int
     */
    public static boolean isServerError(int code) {
        return code >= 500 && code <= 599;
    }

    /** The registry's phrase of {@code code}, or null if it has none (or is not a status code). */
    private static String registeredPhrase(int code) {
        return switch (code) {
            case CONTINUE -> "Continue";
            case SWITCHING_PROTOCOLS -> "Switching Protocols";
            case PROCESSING -> "Processing";
            case EARLY_HINTS -> "Early Hints";
            case OK -> "OK";
            case CREATED -> "Created";
            case ACCEPTED -> "Accepted";
            case NON_AUTHORITATIVE_INFORMATION -> "Non-Authoritative Information";
            case NO_CONTENT -> "No Content";
            case RESET_CONTENT -> "Reset Content";
            case PARTIAL_CONTENT -> "Partial Content";
            case MULTI_STATUS -> "Multi-Status";
            case ALREADY_REPORTED -> "Already Reported";
            case IM_USED -> "IM Used";
            case MULTIPLE_CHOICES -> "Multiple Choices";
            case MOVED_PERMANENTLY -> "Moved Permanently";
            case FOUND -> "Found";
            case SEE_OTHER -> "See Other";
            case NOT_MODIFIED -> "Not Modified";
            case USE_PROXY -> "Use Proxy";
            case TEMPORARY_REDIRECT -> "Temporary Redirect";
            case PERMANENT_REDIRECT -> "Permanent Redirect";
            case BAD_REQUEST -> "Bad Request";
            case UNAUTHORIZED -> "Unauthorized";
            case PAYMENT_REQUIRED -> "Payment Required";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "Not Found";
            case METHOD_NOT_ALLOWED -> "Method Not Allowed";
            case NOT_ACCEPTABLE -> "Not Acceptable";
            case PROXY_AUTHENTICATION_REQUIRED -> "Proxy Authentication Required";
            case REQUEST_TIMEOUT -> "Request Timeout";
            case CONFLICT -> "Conflict";
            case GONE -> "Gone";
            case LENGTH_REQUIRED -> "Length Required";
            case PRECONDITION_FAILED -> "Precondition Failed";
            case CONTENT_TOO_LARGE -> "Content Too Large";
            case URI_TOO_LONG -> "URI Too Long";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported Media Type";
            case RANGE_NOT_SATISFIABLE -> "Range Not Satisfiable";
            case EXPECTATION_FAILED -> "Expectation Failed";
            case IM_A_TEAPOT -> "I'm a teapot";
            case MISDIRECTED_REQUEST -> "Misdirected Request";
            case UNPROCESSABLE_CONTENT -> "Unprocessable Content";
            case LOCKED -> "Locked";
            case FAILED_DEPENDENCY -> "Failed Dependency";
            case TOO_EARLY -> "Too Early";
            case UPGRADE_REQUIRED -> "Upgrade Required";
            case PRECONDITION_REQUIRED -> "Precondition Required";
            case TOO_MANY_REQUESTS -> "Too Many Requests";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "Request Header Fields Too Large";
            case UNAVAILABLE_FOR_LEGAL_REASONS -> "Unavailable For Legal Reasons";
            case INTERNAL_SERVER_ERROR -> "Internal Server Error";
            case NOT_IMPLEMENTED -> "Not Implemented";
            case BAD_GATEWAY -> "Bad Gateway";
            case SERVICE_UNAVAILABLE -> "Service Unavailable";
            case GATEWAY_TIMEOUT -> "Gateway Timeout";
            case HTTP_VERSION_NOT_SUPPORTED -> "HTTP Version Not Supported";
            case VARIANT_ALSO_NEGOTIATES -> "Variant Also Negotiates";
            case INSUFFICIENT_STORAGE -> "Insufficient Storage";
            case LOOP_DETECTED -> "Loop Detected";
            case NOT_EXTENDED -> "Not Extended";
            case NETWORK_AUTHENTICATION_REQUIRED -> "Network Authentication Required";
            default -> null;
        };
    }
}
