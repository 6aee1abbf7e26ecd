package mummy.io.internal.http;

/**
 * What the header fields of a complete head mean for the parser and the connection: the body
 * framing, persistence and the 100-continue expectation, after the checks that need the whole
 * head.
 *
 * <p>Checks, in this order (the first that fails decides the status):
 * <ol>
 * <li>in field order: at most one {@code Host} with a valid uri-host[:port]; every
 *     {@code Content-Length} element is 1*DIGIT and all are equal (400);
 * <li>{@code Host} present in HTTP/1.1 (400);
 * <li>{@code Transfer-Encoding}: not with Content-Length, not in HTTP/1.0 (400), and exactly one
 *     {@code chunked} over all its fields (501);
 * <li>{@code Content-Length} not above the body limit given (413);
 * <li>{@code Expect}: nothing but {@code 100-continue} (417).
 * </ol>
 *
 * <p>Threading: immutable value; checking is stateless, IO thread.
 *
 * @param contentLength the body length for a Content-Length body, else 0
 * @param chunked whether the body is chunked
 * @param keepAlive whether the connection persists after this request (RFC 9112 section 9.3)
 * @param expectContinue whether an HTTP/1.1 client expects 100 Continue (RFC 9110 section 10.1.1)
 */
record HeadSemantics(long contentLength, boolean chunked, boolean keepAlive, boolean expectContinue) {

    /**
     * Checks the fields of a head.
     *
     * @param line the request line
     * @param fields name0, value0, name1, value1, ...
     * @param maxBodyLength the largest Content-Length accepted here (the parser may apply a lower
     *     one afterwards, once it knows whether the body is streamed)
     * @return the meaning of the head
     * @throws HttpParseException 400, 413, 417 or 501 as listed in the class description
     */
    static HeadSemantics check(RequestLine line, String[] fields, long maxBodyLength) throws HttpParseException {
        boolean http11 = line.minorVersion() == 1;
        boolean host = false;
        String contentLength = null;
        boolean transferEncoding = false;
        int codings = 0;
        boolean chunkedOnly = true;
        boolean close = false;
        boolean keepAliveToken = false;
        boolean expect = false;
        boolean unexpected = false;
        for (int i = 0; i < fields.length; i += 2) {
            String name = fields[i];
            String value = fields[i + 1];
            if (name.equalsIgnoreCase("Host")) {
                checkHost(host, value);
                host = true;
            } else if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = contentLength(contentLength, value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                transferEncoding = true;
                for (ListElements codes = new ListElements(value); codes.advance(); ) {
                    if (!codes.isEmpty()) {
                        codings++;
                        chunkedOnly &= codes.is("chunked");
                    }
                }
            } else if (name.equalsIgnoreCase("Connection")) {
                for (ListElements options = new ListElements(value); options.advance(); ) {
                    close |= options.is("close");
                    keepAliveToken |= options.is("keep-alive");
                }
            } else if (name.equalsIgnoreCase("Expect")) {
                for (ListElements expectations = new ListElements(value); expectations.advance(); ) {
                    boolean continues = expectations.is("100-continue");
                    expect |= continues;
                    unexpected |= !continues && !expectations.isEmpty();
                }
            }
        }
        // RFC 9112 section 3.2: a server responds 400 to an HTTP/1.1 request that lacks Host
        if (http11 && !host) {
            throw HttpParseException.badRequest("HTTP/1.1 request without Host");
        }
        if (transferEncoding) {
            checkTransferEncoding(contentLength != null, http11, codings == 1 && chunkedOnly);
        }
        long length = contentLength == null ? 0 : checkedLength(contentLength, maxBodyLength);
        // RFC 9110 section 10.1.1: a server may answer 417 to an expectation other than 100-continue
        if (unexpected) {
            throw new HttpParseException(417, "the only expectation supported is 100-continue");
        }
        // RFC 9112 section 9.3: close wins; HTTP/1.1 persists by default, HTTP/1.0 only with keep-alive
        boolean keepAlive = !close && (http11 || keepAliveToken);
        // RFC 9110 section 10.1.1: a 100-continue expectation in an HTTP/1.0 request is ignored
        return new HeadSemantics(length, transferEncoding, keepAlive, http11 && expect);
    }

    private static void checkHost(boolean seen, String value) throws HttpParseException {
        // RFC 9112 section 3.2: 400 for more than one Host field line or an invalid Host value
        if (seen) {
            throw HttpParseException.badRequest("more than one Host field");
        }
        if (!Authority.isValid(value, 0, value.length(), false)) {
            throw HttpParseException.badRequest("Host is not a valid uri-host[:port]");
        }
    }

    /** Checks one Content-Length field against the digits seen before; returns the digits. */
    private static String contentLength(String seen, String value) throws HttpParseException {
        String digits = seen;
        for (ListElements numbers = new ListElements(value); numbers.advance(); ) {
            // RFC 9110 section 8.6: Content-Length = 1*DIGIT
            if (!numbers.isDigits()) {
                throw HttpParseException.badRequest("Content-Length is not a number");
            }
            String number = numbers.digitsWithoutLeadingZeros();
            // RFC 9112 section 6.3 item 5: differing lengths make the framing invalid;
            // RFC 9110 section 8.6 lets a recipient accept a list of identical ones
            if (digits != null && !digits.equals(number)) {
                throw HttpParseException.badRequest("Content-Length values differ");
            }
            digits = number;
        }
        return digits;
    }

    private static void checkTransferEncoding(boolean contentLength, boolean http11, boolean chunked)
            throws HttpParseException {
        // RFC 9112 section 6.1: a request with both may be rejected, as it may be an attempt at smuggling
        if (contentLength) {
            throw HttpParseException.badRequest("both Content-Length and Transfer-Encoding");
        }
        // RFC 9112 section 6.1: Transfer-Encoding in HTTP/1.0 means the framing is faulty
        if (!http11) {
            throw HttpParseException.badRequest("Transfer-Encoding in an HTTP/1.0 request");
        }
        // RFC 9112 section 6.1: 501 for a transfer coding the server does not understand;
        // this server decodes exactly one chunked coding and nothing else
        if (!chunked) {
            throw new HttpParseException(501, "the only Transfer-Encoding supported is chunked");
        }
    }

    /** The length in {@code digits} (leading zeros removed), checked against the body limit. */
    private static long checkedLength(String digits, long maxBodyLength) throws HttpParseException {
        long length = 0;
        for (int i = 0; i < digits.length() && length <= maxBodyLength; i++) {
            if (length > (Long.MAX_VALUE - 9) / 10) {
                length = Long.MAX_VALUE; // no body this long can be served; a number of any size cannot overflow
                break;
            }
            length = 10 * length + (digits.charAt(i) - '0');
        }
        // RFC 9110 section 15.5.14: 413 when the content is larger than the server will process
        if (length > maxBodyLength || length == Long.MAX_VALUE) {
            throw new HttpParseException(413, "body longer than " + maxBodyLength + " bytes");
        }
        return length;
    }
}
