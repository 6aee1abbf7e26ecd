package mummy.io.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import mummy.api.HttpHeaders;

/**
 * Builds the {@link ParsedRequest} a table case expects, with defaults for the common parts:
 * HTTP/1.1, path and query split at the first {@code ?} of the target, no fields, empty body,
 * keep-alive as the version implies, no 100-continue.
 */
final class ExpectedRequest {

    private final String method;
    private final String target;
    private String path;
    private String query;
    private int minorVersion = 1;
    private final List<String> headers = new ArrayList<>();
    private final List<String> trailers = new ArrayList<>();
    private String body = "";
    private Boolean keepAlive;
    private boolean expectContinue;

    private ExpectedRequest(String method, String target) {
        this.method = method;
        this.target = target;
        int question = target.indexOf('?');
        this.path = question < 0 ? target : target.substring(0, question);
        this.query = question < 0 ? "" : target.substring(question + 1);
    }

    static ExpectedRequest request(String method, String target) {
        return new ExpectedRequest(method, target);
    }

    static ExpectedRequest get(String target) {
        return new ExpectedRequest("GET", target);
    }

    ExpectedRequest path(String decodedPath) {
        this.path = decodedPath;
        return this;
    }

    ExpectedRequest query(String rawQuery) {
        this.query = rawQuery;
        return this;
    }

    ExpectedRequest http10() {
        this.minorVersion = 0;
        return this;
    }

    ExpectedRequest header(String name, String value) {
        headers.add(name);
        headers.add(value);
        return this;
    }

    ExpectedRequest trailer(String name, String value) {
        trailers.add(name);
        trailers.add(value);
        return this;
    }

    /** The body, one byte per char (ISO-8859-1). */
    ExpectedRequest body(String latin1) {
        this.body = latin1;
        return this;
    }

    ExpectedRequest keepAlive(boolean persists) {
        this.keepAlive = persists;
        return this;
    }

    ExpectedRequest expectContinue() {
        this.expectContinue = true;
        return this;
    }

    ParsedRequest build() {
        return new ParsedRequest(method, target, path, query, minorVersion,
                HttpHeaders.of(headers.toArray(String[]::new)),
                body.getBytes(StandardCharsets.ISO_8859_1),
                HttpHeaders.of(trailers.toArray(String[]::new)),
                keepAlive != null ? keepAlive : minorVersion == 1, expectContinue);
    }
}
