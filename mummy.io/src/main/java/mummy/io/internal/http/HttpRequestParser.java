package mummy.io.internal.http;

import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.LongPredicate;
import mummy.api.HttpHeaders;
import mummy.api.internal.TrustedHeaders;

/**
 * Incremental HTTP/1.1 request parser: bytes in, complete requests out, no IO.
 *
 * <p>Threading: IO thread only; one instance per connection. Nothing here blocks or allocates in
 * proportion to what a client merely announces.
 *
 * <p>Contract with the caller: {@link #parse} reads {@code buf[start, end)} and consumes what it
 * can; {@link #consumed()} tells how much. The caller keeps the unconsumed bytes and presents them
 * again, followed by newly read ones, on the next call. The parser consumes whole lines only, and
 * body bytes as soon as they arrive (into the request's own array), so the unconsumed rest is at
 * most one unfinished line: shorter than the largest line limit of {@link HttpLimits}. After a
 * request is returned, the parser is ready for the next one (pipelining: call again while bytes
 * remain). After an {@link HttpParseException} it is dead and the connection must close.
 *
 * <p>Cost: each byte of a line is searched once for the line's end, the search resuming where the
 * last call stopped (see {@link LineFinder}), then parsed once; body bytes are copied once. Feeding
 * one byte per call therefore stays linear.
 *
 * <pre>
 * REQUEST_LINE --&gt; HEADER_FIELDS --+--(no body)--------------------------------------&gt; request
 * (empty lines                      +--&gt; FIXED_BODY ----------------------------------&gt; request
 *  skipped first)                   +--&gt; CHUNK_SIZE --&gt; CHUNK_DATA --&gt; CHUNK_CR --&gt; CHUNK_LF
 *                                          ^   |                                  |
 *                                          |   +--(size 0)--&gt; TRAILER_FIELDS ---&gt; request
 *                                          +----------------------------------------+
 * after a request: back to REQUEST_LINE;  any state --(HttpParseException)--&gt; DEAD
 * </pre>
 *
 * <p>Streamed bodies: when a head announces a body and the {@code streams} predicate given at
 * construction accepts its method and target, the parser returns the request as soon as its head
 * is parsed, with an empty body and {@link #streamingBody()} true. The caller then names a
 * {@link BodySink} ({@link #bodySink}) and goes on presenting bytes: the body's bytes, chunked
 * coding removed, go to the sink as they arrive, and its end (with any trailers) is reported to
 * the sink instead of returning a request. Such bodies are limited by
 * {@code maxStreamedBodyLength} instead of {@link HttpLimits#maxBodyLength()}, and the parser
 * never asks for {@code 100 Continue} itself ({@link #awaitingContinue()} stays false): whoever
 * reads the body decides.
 *
 * <p>The grammar accepted and the checks made are described, each with its RFC section, by
 * {@link RequestLine}, {@link RequestTarget}, {@link FieldSection}, {@link HeadSemantics} and
 * {@link ChunkSizeLine}. *
 * <p>One unit, just past the usual size: the states above are one machine whose steps decide the
 * next; the line, field, head and chunk grammars already live in the classes named above.
 */
public final class HttpRequestParser {

    /** Empty lines skipped before a request line (RFC 9112 section 2.2 asks for at least one). */
    static final int MAX_EMPTY_LINES = 16;

    private enum State {
        REQUEST_LINE, HEADER_FIELDS, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_CR, CHUNK_LF, TRAILER_FIELDS, DEAD
    }

    private final HttpLimits limits;
    private final LineFinder lines = new LineFinder();
    private final FieldSection fields;
    private final BodyBuffer body = new BodyBuffer();
    /** Which requests stream their body; null: none. */
    private final BiPredicate<String, String> streams;
    private final long maxStreamedBodyLength;
    /** Asked before buffering body bytes a head or chunk announces; null: always yes. */
    private final LongPredicate admit;
    /** Where the body of the current streamed request goes. */
    private BodySink sink;
    /** The body of the current request goes to {@link #sink}. */
    private boolean streamingBody;
    /** Body bytes given to the sink so far, for the limit of chunked bodies. */
    private long streamedLength;

    private State state = State.REQUEST_LINE;
    private int consumed;
    /** Whether any byte has been presented since the last request was returned. */
    private boolean seen;
    private int emptyLines;
    private RequestLine requestLine;
    private HttpHeaders headers;
    private HeadSemantics head;
    /** Body bytes still expected: of the whole body (FIXED_BODY) or of the current chunk. */
    private long remaining;
    private ParsedRequest completed;

    /**
     * A parser for one connection.
     *
     * @param limits the limits to enforce
     */
    public HttpRequestParser(HttpLimits limits) {
        this(limits, null, 0);
    }

    /**
     * A parser for one connection that streams the bodies of some requests.
     *
     * @param limits the limits to enforce
     * @param streams given a head's method and target, whether its body is streamed; null for
     *     never. Called once per request that has a body, on the parsing thread; it must not throw
     * @param maxStreamedBodyLength the longest streamed body; longer gives 413
     */
    public HttpRequestParser(HttpLimits limits, BiPredicate<String, String> streams, long maxStreamedBodyLength) {
        this(limits, streams, maxStreamedBodyLength, null);
    }

    /**
     * A parser for one connection that streams the bodies of some requests and asks before it
     * buffers the others.
     *
     * @param limits the limits to enforce
     * @param streams given a head's method and target, whether its body is streamed; null for
     *     never. Called once per request that has a body, on the parsing thread; it must not throw
     * @param maxStreamedBodyLength the longest streamed body; longer gives 413
     * @param admit given the bytes of a buffered body a head announces (its Content-Length) or a
     *     chunk announces (its size), whether they may be buffered; false gives 503 before any of
     *     them is read. Null for always
     */
    public HttpRequestParser(HttpLimits limits, BiPredicate<String, String> streams, long maxStreamedBodyLength,
                             LongPredicate admit) {
        this.admit = admit;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.fields = new FieldSection(limits, lines);
        this.streams = streams;
        if (streams != null && maxStreamedBodyLength <= 0) {
            throw new IllegalArgumentException("maxStreamedBodyLength must be positive, got " + maxStreamedBodyLength);
        }
        this.maxStreamedBodyLength = maxStreamedBodyLength;
    }

    /**
     * Whether the request returned last has its body streamed: its body bytes go to the sink
     * named with {@link #bodySink} before the next request is returned.
     *
     * @return true while the request returned last streams its body and the body's end has not
     *     been reached
     */
    public boolean streamingBody() {
        return streamingBody;
    }

    /**
     * Names where the body of the streamed request returned last goes; must be called before
     * bytes are presented again.
     *
     * @param sink the receiver of the body's bytes and end
     */
    public void bodySink(BodySink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Parses {@code buf[start, end)}.
     *
     * @param buf the bytes: the unconsumed rest of the last call, then newly read bytes
     * @param start the first byte to read
     * @param end one past the last byte to read
     * @return a complete request, or null when more bytes are needed
     * @throws HttpParseException if the request cannot be served; the parser is dead afterwards
     * @throws IllegalStateException if called after an {@link HttpParseException}
     */
    public ParsedRequest parse(byte[] buf, int start, int end) throws HttpParseException {
        Objects.checkFromToIndex(start, end, buf.length);
        if (state == State.DEAD) {
            throw new IllegalStateException("the parser failed on an earlier request; the connection must close");
        }
        seen |= start < end;
        int pos = start;
        try {
            while (pos < end && completed == null) {
                int next = step(buf, pos, end);
                if (next == pos) {
                    break;
                }
                pos = next;
            }
        } catch (HttpParseException e) {
            state = State.DEAD;
            throw e;
        }
        consumed = pos - start;
        ParsedRequest request = completed;
        completed = null;
        return request;
    }

    /**
     * How many bytes the last call to {@link #parse} consumed.
     *
     * @return the count, from {@code start}
     */
    public int consumed() {
        return consumed;
    }

    /**
     * Whether the head of the current request is parsed, it had {@code Expect: 100-continue}, and
     * its body is not complete yet (the server then sends 100 Continue once).
     *
     * @return true while a 100-continue request waits for its body
     */
    public boolean awaitingContinue() {
        return head != null && head.expectContinue() && !streamingBody && state != State.DEAD;
    }

    /**
     * Whether the head of the current request is complete and its body is being received.
     *
     * @return true between the end of the head and the end of the body (trailers included)
     */
    public boolean readingBody() {
        return state != State.REQUEST_LINE && state != State.HEADER_FIELDS && state != State.DEAD;
    }

    /**
     * Whether no byte of a next request has been consumed or seen: the connection is between
     * requests. An empty line before a request line counts as a byte seen.
     *
     * @return true between requests
     */
    public boolean idle() {
        return state == State.REQUEST_LINE && !seen;
    }

    /**
     * The capacity of the body array being filled, for tests of the allocation policy.
     *
     * @return the capacity in bytes
     */
    int bodyCapacity() {
        return body.capacity();
    }

    /** Parses at {@code pos}; returns the index after what was consumed, {@code pos} if more bytes are needed. */
    private int step(byte[] buf, int pos, int end) throws HttpParseException {
        return switch (state) {
            case REQUEST_LINE -> requestLine(buf, pos, end);
            case HEADER_FIELDS -> headerField(buf, pos, end);
            case FIXED_BODY -> fixedBody(buf, pos, end);
            case CHUNK_SIZE -> chunkSize(buf, pos, end);
            case CHUNK_DATA -> chunkData(buf, pos, end);
            case CHUNK_CR, CHUNK_LF -> chunkDataEnd(buf[pos], pos);
            case TRAILER_FIELDS -> trailerField(buf, pos, end);
            case DEAD -> throw new IllegalStateException("dead parser");
        };
    }

    private int requestLine(byte[] buf, int pos, int end) throws HttpParseException {
        if (buf[pos] == '\r' || buf[pos] == '\n') {
            return emptyLine(buf, pos, end);
        }
        int lf = lines.find(buf, pos, end, limits.maxRequestLineLength());
        // RFC 9112 section 3: a request line longer than the server accepts gets 414
        if (lf == LineFinder.TOO_LONG) {
            throw new HttpParseException(414, "request line longer than " + limits.maxRequestLineLength() + " bytes");
        }
        if (lf == LineFinder.NEED_MORE) {
            return pos;
        }
        requestLine = RequestLine.parse(buf, pos, LineFinder.contentEnd(buf, pos, lf, "request line"));
        fields.startRequest();
        state = State.HEADER_FIELDS;
        return lf + 1;
    }

    private int emptyLine(byte[] buf, int pos, int end) throws HttpParseException {
        // RFC 9112 section 2.2: empty lines (CRLF) before the request-line are ignored, a bounded number
        if (buf[pos] == '\n') {
            throw HttpParseException.badRequest("bare LF before the request line; CRLF required");
        }
        if (pos + 1 == end) {
            return pos;
        }
        if (buf[pos + 1] != '\n') {
            throw HttpParseException.badRequest("bare CR before the request line");
        }
        if (++emptyLines > MAX_EMPTY_LINES) {
            throw HttpParseException.badRequest("too many empty lines before the request line");
        }
        return pos + 2;
    }

    private int headerField(byte[] buf, int pos, int end) throws HttpParseException {
        int next = fields.next(buf, pos, end);
        if (fields.complete()) {
            String[] headerFields = fields.take();
            long largest = streams == null ? limits.maxBodyLength()
                    : Math.max(limits.maxBodyLength(), maxStreamedBodyLength);
            head = HeadSemantics.check(requestLine, headerFields, largest);
            headers = TrustedHeaders.of(headerFields);
            boolean hasBody = head.chunked() || head.contentLength() > 0;
            // An upgrade request's body stays buffered: what follows it may be another protocol.
            streamingBody = hasBody && streams != null && !headers.contains("Upgrade")
                    && streams.test(requestLine.method(), requestLine.target().text());
            long limit = streamingBody ? maxStreamedBodyLength : limits.maxBodyLength();
            if (head.contentLength() > limit) {
                // RFC 9110 section 15.5.14: 413 when the content is larger than the server will process
                throw new HttpParseException(413, "body longer than " + limit + " bytes");
            }
            if (!streamingBody && head.contentLength() > 0) {
                admit(head.contentLength());
            }
            if (streamingBody) {
                streamedLength = 0;
                sink = null;
                completed = request(new byte[0], HttpHeaders.empty());
            }
            if (head.chunked()) {
                state = State.CHUNK_SIZE;
            } else if (head.contentLength() > 0) {
                remaining = head.contentLength();
                state = State.FIXED_BODY;
            } else {
                // RFC 9112 section 6.3 item 7: no Content-Length or Transfer-Encoding, no body
                complete(HttpHeaders.empty());
            }
        }
        return next;
    }

    private int fixedBody(byte[] buf, int pos, int end) {
        int length = (int) Math.min(end - pos, remaining);
        if (streamingBody) {
            sink().bodyBytes(buf, pos, length);
        } else {
            body.append(buf, pos, length, head.contentLength());
        }
        remaining -= length;
        if (remaining == 0) {
            complete(HttpHeaders.empty());
        }
        return pos + length;
    }

    /** RFC 9110 15.6.4: 503 when the server cannot hold the body now; the client may retry later. */
    private void admit(long bytes) throws HttpParseException {
        if (admit != null && !admit.test(bytes)) {
            throw new HttpParseException(503, "Service Unavailable: the server is holding too many request bodies;"
                    + " retry later");
        }
    }

    private BodySink sink() {
        if (sink == null) {
            throw new IllegalStateException("a streamed body arrived before bodySink() named where it goes");
        }
        return sink;
    }

    private int chunkSize(byte[] buf, int pos, int end) throws HttpParseException {
        int lf = lines.find(buf, pos, end, limits.maxChunkLineLength());
        if (lf == LineFinder.TOO_LONG) {
            throw HttpParseException.badRequest("chunk-size line longer than " + limits.maxChunkLineLength() + " bytes");
        }
        if (lf == LineFinder.NEED_MORE) {
            return pos;
        }
        long size = ChunkSizeLine.parse(buf, pos, LineFinder.contentEnd(buf, pos, lf, "chunk-size line"));
        if (size == 0) {
            // RFC 9112 section 7.1: last-chunk, then the trailer section
            state = State.TRAILER_FIELDS;
        } else if (streamingBody) {
            if (size > maxStreamedBodyLength - streamedLength) {
                throw new HttpParseException(413, "chunked body longer than " + maxStreamedBodyLength + " bytes");
            }
            remaining = size;
            state = State.CHUNK_DATA;
        } else if (size > limits.maxBodyLength() - body.size()) {
            // RFC 9110 section 15.5.14: 413, known as soon as the chunk is announced
            throw new HttpParseException(413, "chunked body longer than " + limits.maxBodyLength() + " bytes");
        } else {
            admit(size);
            remaining = size;
            state = State.CHUNK_DATA;
        }
        return lf + 1;
    }

    private int chunkData(byte[] buf, int pos, int end) {
        int length = (int) Math.min(end - pos, remaining);
        if (streamingBody) {
            sink().bodyBytes(buf, pos, length);
            streamedLength += length;
        } else {
            body.append(buf, pos, length, body.size() + remaining);
        }
        remaining -= length;
        if (remaining == 0) {
            state = State.CHUNK_CR;
        }
        return pos + length;
    }

    private int chunkDataEnd(byte b, int pos) throws HttpParseException {
        // RFC 9112 section 7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
        if (state == State.CHUNK_CR && b != '\r') {
            throw HttpParseException.badRequest("chunk data not followed by CRLF");
        }
        if (state == State.CHUNK_LF && b != '\n') {
            throw HttpParseException.badRequest("bare CR after chunk data; CRLF required");
        }
        state = state == State.CHUNK_CR ? State.CHUNK_LF : State.CHUNK_SIZE;
        return pos + 1;
    }

    private int trailerField(byte[] buf, int pos, int end) throws HttpParseException {
        // RFC 9112 section 7.1.2: trailer-section = *( field-line CRLF ), then CRLF
        int next = fields.next(buf, pos, end);
        if (fields.complete()) {
            complete(TrustedHeaders.of(fields.take()));
        }
        return next;
    }

    private void complete(HttpHeaders trailers) {
        if (streamingBody) {
            streamingBody = false; // the request went out with its head; only the body's end is left
            BodySink receiver = sink();
            sink = null;
            receiver.bodyEnd(trailers);
        } else {
            completed = request(body.take(), trailers);
        }
        state = State.REQUEST_LINE;
        seen = false;
        emptyLines = 0;
        requestLine = null;
        headers = null;
        head = null;
    }

    private ParsedRequest request(byte[] bodyBytes, HttpHeaders trailers) {
        RequestTarget target = requestLine.target();
        return new ParsedRequest(requestLine.method(), target.text(), target.path(), target.rawQuery(),
                requestLine.minorVersion(), headers, bodyBytes, trailers, head.keepAlive(), head.expectContinue());
    }
}
