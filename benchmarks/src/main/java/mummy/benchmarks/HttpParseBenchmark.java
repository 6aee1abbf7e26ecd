package mummy.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import mummy.io.internal.http.HttpLimits;
import mummy.io.internal.http.HttpParseException;
import mummy.io.internal.http.HttpRequestParser;
import mummy.io.internal.http.ParsedRequest;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * HTTP request parsing on the IO thread: one operation parses a whole buffer as one read would
 * deliver it, with {@link HttpRequestParser} reused as on a keep-alive connection. The secondary
 * results {@code bytes} and {@code requests} are the rates in bytes/s and requests/s.
 *
 * <p>Baseline: {@link #headEndIndexOf}, the cheapest possible framing, which only finds each
 * {@code CRLFCRLF} with the JDK's (vectorised) {@code String.indexOf}; the difference is what
 * tokenising, validating and building a {@link ParsedRequest} costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HttpParseBenchmark {

    /** A Chrome navigation to a page of a shop, with its usual headers: 559 bytes, 11 fields. */
    static final String BROWSER = """
            GET /products/42?ref=home HTTP/1.1\r
            Host: shop.example.com\r
            Connection: keep-alive\r
            sec-ch-ua: "Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"\r
            sec-ch-ua-platform: "Linux"\r
            User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36\r
            Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8\r
            Sec-Fetch-Site: same-origin\r
            Sec-Fetch-Mode: navigate\r
            Sec-Fetch-Dest: document\r
            Accept-Encoding: gzip, deflate, br, zstd\r
            Accept-Language: en-US,en;q=0.9\r
            \r
            """;

    /** What {@code wrk} sends by default: 40 bytes. */
    static final String WRK = "GET / HTTP/1.1\r\nHost: localhost:8080\r\n\r\n";

    /** How many requests the pipelined buffer holds. */
    static final int PIPELINE_DEPTH = 16;

    /** The buffer: one browser request, one wrk request, or 16 wrk requests pipelined. */
    @Param({"browser", "wrk", "pipelined16"})
    public String payload;

    private byte[] buffer;
    private int requestsPerBuffer;
    private HttpRequestParser parser;

    /** Rates reported beside the primary score: bytes/s and requests/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        /** Bytes parsed (or scanned). */
        public long bytes;
        /** Requests parsed (or heads found). */
        public long requests;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
            requests = 0;
        }
    }

    /**
     * Builds the buffer and checks that both methods see every request in it.
     *
     * @throws Exception an {@code HttpParseException} if the payload does not parse (a bug in the benchmark)
     */
    @Setup
    public void setUp() throws Exception {
        String text = switch (payload) {
            case "browser" -> BROWSER;
            case "wrk" -> WRK;
            case "pipelined16" -> WRK.repeat(PIPELINE_DEPTH);
            default -> throw new IllegalArgumentException(payload);
        };
        buffer = text.getBytes(StandardCharsets.US_ASCII);
        requestsPerBuffer = payload.equals("pipelined16") ? PIPELINE_DEPTH : 1;
        parser = new HttpRequestParser(HttpLimits.defaults());
        if (countParsed() != requestsPerBuffer || headEndIndexOf(new Rates()) != requestsPerBuffer) {
            throw new IllegalStateException("payload " + payload + " does not hold " + requestsPerBuffer + " requests");
        }
    }

    /**
     * Parses every request in the buffer into {@link ParsedRequest}s.
     *
     * @param rates the byte and request counters
     * @param blackhole consumes each request
     * @return the number of requests parsed
     * @throws Exception an {@code HttpParseException}: never, for these payloads
     */
    @Benchmark
    public int parse(Rates rates, Blackhole blackhole) throws Exception {
        int pos = 0;
        int count = 0;
        while (pos < buffer.length) {
            ParsedRequest request = parser.parse(buffer, pos, buffer.length);
            if (request == null) {
                throw new IllegalStateException("incomplete request at " + pos);
            }
            blackhole.consume(request);
            pos += parser.consumed();
            count++;
        }
        rates.bytes += buffer.length;
        rates.requests += count;
        return count;
    }

    /**
     * Baseline: finds each head's end ({@code CRLFCRLF}) with {@code String.indexOf} on a Latin-1
     * view of the bytes, the decode (a copy) included.
     *
     * @param rates the byte and request counters
     * @return the number of heads found
     */
    @Benchmark
    public int headEndIndexOf(Rates rates) {
        String text = new String(buffer, StandardCharsets.ISO_8859_1);
        int count = 0;
        int end;
        for (int from = 0; (end = text.indexOf("\r\n\r\n", from)) >= 0; from = end + 4) {
            count++;
        }
        rates.bytes += buffer.length;
        rates.requests += count;
        return count;
    }

    private int countParsed() throws HttpParseException {
        int count = 0;
        for (int pos = 0; pos < buffer.length; pos += parser.consumed(), count++) {
            if (parser.parse(buffer, pos, buffer.length) == null) {
                return -1;
            }
        }
        return count;
    }
}
