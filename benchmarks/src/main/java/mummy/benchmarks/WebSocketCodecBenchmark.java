package mummy.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import mummy.api.WebSocketEvent;
import mummy.io.internal.ws.Frame;
import mummy.io.internal.ws.Opcode;
import mummy.io.internal.ws.Utf8Validator;
import mummy.io.internal.ws.WsFrameReader;
import mummy.io.internal.ws.WsInbound;
import mummy.io.internal.ws.WsMessageAssembler;
import mummy.io.internal.ws.WsProtocolException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * WebSocket input on the IO thread: reading (and unmasking) one masked client frame with
 * {@link WsFrameReader}, validating a text payload with {@link Utf8Validator}, and a whole text
 * message from frame to the handler's {@code String} ({@link #receiveText}, {@link #receiveTextAsString}).
 * One operation is one payload of {@code size} bytes: multiply ops/s by the size for bytes/s.
 *
 * <p>Baselines: {@link #copyPayload} (a plain copy of the same bytes: the floor for unmasking) and
 * {@link #jdkStrictDecode} (the JDK's UTF-8 decoder with REPORT, which validates and decodes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WebSocketCodecBenchmark {

    /** The payload size in bytes. */
    @Param({"64", "4096", "65536"})
    public int size;

    private byte[] frame;
    private byte[] payload;
    private byte[] text;
    private Frame textFrame;
    private final WsMessageAssembler assembler = new WsMessageAssembler(Long.MAX_VALUE, null);
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    /** Builds a masked binary frame and a mixed-script UTF-8 text of {@code size} bytes. */
    @Setup
    public void setUp() {
        Random random = new Random(7);
        payload = new byte[size];
        random.nextBytes(payload);
        int header = size < 126 ? 2 : size < 65536 ? 4 : 10;
        frame = new byte[header + 4 + size];
        frame[0] = (byte) 0x82;
        if (size < 126) {
            frame[1] = (byte) (0x80 | size);
        } else if (size < 65536) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (size >>> 8);
            frame[3] = (byte) size;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) size >>> (56 - 8 * i));
            }
        }
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < size; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        StringBuilder mixed = new StringBuilder();
        String[] words = {"hello ", "grüße ", "привет ", "こんにちは ", "😀 "};
        while (mixed.toString().getBytes(StandardCharsets.UTF_8).length < size) {
            mixed.append(words[random.nextInt(words.length)]);
        }
        byte[] encoded = mixed.toString().getBytes(StandardCharsets.UTF_8);
        int end = size;
        while (end > 0 && (encoded[end] & 0xC0) == 0x80) {
            end--; // cut at a character boundary
        }
        text = java.util.Arrays.copyOf(encoded, end);
        textFrame = new Frame(Opcode.TEXT, true, false, text);
    }

    /**
     * Reads one masked frame: header checks, unmasking into the frame's own array.
     *
     * @return the frame
     * @throws WsProtocolException never for this input
     */
    @Benchmark
    public Frame readMaskedFrame() throws WsProtocolException {
        WsFrameReader reader = new WsFrameReader(Long.MAX_VALUE, false);
        return reader.read(frame, 0, frame.length);
    }

    /**
     * Baseline: copying the payload, the least unmasking can cost.
     *
     * @return the copy
     */
    @Benchmark
    public byte[] copyPayload() {
        return payload.clone();
    }

    /**
     * Validates a text payload incrementally, as the assembler does.
     *
     * @return whether it was valid and complete
     */
    @Benchmark
    public boolean validateUtf8() {
        Utf8Validator validator = new Utf8Validator();
        return validator.feed(text, 0, text.length) && validator.isComplete();
    }

    /**
     * Baseline: the JDK's strict decoder over the same bytes (validates and decodes).
     *
     * @return the decoded length
     * @throws CharacterCodingException never for this input
     */
    @Benchmark
    public int jdkStrictDecode() throws CharacterCodingException {
        return decoder.decode(ByteBuffer.wrap(text)).length();
    }

    /**
     * The IO thread's share of one text message: the assembler takes a final text frame
     * (validating its UTF-8) and the event for the handler is built, as {@code WsIo.onInbound}
     * does.
     *
     * @return the event
     * @throws WsProtocolException never for this input
     */
    @Benchmark
    public WebSocketEvent.Message receiveText() throws WsProtocolException {
        WsInbound.Text inbound = (WsInbound.Text) assembler.accept(textFrame);
        return WebSocketEvent.Message.text(inbound.utf8());
    }

    /**
     * One text message from frame to the handler's {@code String}: {@link #receiveText}, then
     * {@code asText()} on the event, as a handler calls it.
     *
     * @return the text
     * @throws WsProtocolException never for this input
     */
    @Benchmark
    public String receiveTextAsString() throws WsProtocolException {
        return receiveText().asText();
    }
}
