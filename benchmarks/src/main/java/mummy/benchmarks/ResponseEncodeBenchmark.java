package mummy.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import mummy.api.HttpHeaders;
import mummy.io.internal.http.ContentCoding;
import mummy.io.internal.http.ResponseEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Response encoding on the worker thread: {@link ResponseEncoder#encodeFinal} turning status,
 * fields and body into the bytes of one {@code send}, {@code Date} and {@code Content-Length}
 * added, with gzip when the client accepts it and the body is compressible.
 *
 * <p>Baselines: cloning a prebuilt hello response (what a server that caches whole responses
 * pays), and compressing the 4 KiB body alone: as {@code ContentCoding.GZIP} does it (a new
 * {@code Deflater} per body), with a {@code Deflater} kept and reset, and the same at the fastest
 * level: the two levers there are on the cost of compression.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResponseEncodeBenchmark {

    private static final ResponseEncoder.RequestInfo PLAIN_CLIENT =
            new ResponseEncoder.RequestInfo(false, true, false, null);
    private static final ResponseEncoder.RequestInfo BROWSER =
            new ResponseEncoder.RequestInfo(false, true, false, "gzip, deflate, br, zstd");

    private HttpHeaders textPlain;
    private HttpHeaders json;
    private byte[] hello;
    private byte[] json4k;
    private byte[] prebuiltHello;
    private Deflater deflater;
    private Deflater fastest;
    private byte[] deflated;

    /** Builds the bodies and headers, as a handler would have them ready. */
    @Setup
    public void setUp() {
        textPlain = HttpHeaders.of("Content-Type", "text/plain");
        json = HttpHeaders.of("Content-Type", "application/json");
        hello = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        json4k = Json4k.body();
        prebuiltHello = ResponseEncoder.encodeFinal(200, textPlain, hello, PLAIN_CLIENT).bytes();
        deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        fastest = new Deflater(Deflater.BEST_SPEED, true);
        deflated = new byte[json4k.length + 64];
    }

    /** Frees the kept deflaters' native memory. */
    @TearDown
    public void tearDown() {
        deflater.end();
        fastest.end();
    }

    /**
     * {@code 200 Hello, World!} as {@code text/plain}, the plaintext benchmark's response.
     *
     * @return the bytes to send
     */
    @Benchmark
    public byte[] hello() {
        return ResponseEncoder.encodeFinal(200, textPlain, hello, PLAIN_CLIENT).bytes();
    }

    /**
     * Baseline: a copy of the prebuilt hello response, the least a server can do per response.
     *
     * @return the bytes to send
     */
    @Benchmark
    public byte[] helloPrebuiltClone() {
        return prebuiltHello.clone();
    }

    /**
     * A 4 KiB JSON body for a client that accepts no coding (identity, {@code Vary} added).
     *
     * @return the bytes to send
     */
    @Benchmark
    public byte[] json4k() {
        return ResponseEncoder.encodeFinal(200, json, json4k, PLAIN_CLIENT).bytes();
    }

    /**
     * The same 4 KiB JSON body for a browser accepting gzip: negotiation plus compression.
     *
     * @return the bytes to send
     */
    @Benchmark
    public byte[] json4kGzip() {
        return ResponseEncoder.encodeFinal(200, json, json4k, BROWSER).bytes();
    }

    /**
     * Baseline: gzip of the 4 KiB body alone, as the encoder does it (a new Deflater each time).
     *
     * @return the compressed bytes
     */
    @Benchmark
    public byte[] gzipOnly() {
        return ContentCoding.GZIP.encode(json4k);
    }

    /**
     * Baseline: raw deflate of the 4 KiB body with one Deflater kept and reset, no stream.
     *
     * @return the compressed length
     */
    @Benchmark
    public int deflateReused() {
        return deflate(deflater);
    }

    /**
     * Baseline: as {@link #deflateReused}, at {@code BEST_SPEED} (level 1) instead of the default 6.
     *
     * @return the compressed length
     */
    @Benchmark
    public int deflateReusedFastest() {
        return deflate(fastest);
    }

    private int deflate(Deflater kept) {
        kept.reset();
        kept.setInput(json4k);
        kept.finish();
        int length = 0;
        while (!kept.finished()) {
            length += kept.deflate(deflated, length, deflated.length - length);
        }
        return length;
    }
}
