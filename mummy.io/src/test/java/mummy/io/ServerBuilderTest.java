package mummy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import mummy.api.RequestHandler;
import mummy.api.WebSocketHandler;
import mummy.io.internal.http.HttpLimits;
import mummy.io.internal.loop.BufferLimits;
import mummy.io.internal.loop.LoopConfig;
import mummy.io.internal.loop.WebSocketSettings;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every setting of {@link Server.Builder}: its range checked at the setter, and where it lands. */
class ServerBuilderTest {

    private static final RequestHandler HANDLER = request -> request.respond(204);
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final Duration DAY = Duration.ofDays(1);

    /** A setter call, the message it must be refused with. */
    static Stream<Arguments> refused() {
        return Stream.of(
                refused("workerThreads(-1)", b -> b.workerThreads(-1),
                        "workerThreads must be between 0 (the provider's default) and 32767: -1"),
                refused("workerThreads(32768)", b -> b.workerThreads(32768),
                        "workerThreads must be between 0 (the provider's default) and 32767: 32768"),
                refused("maxRequestLineLength(0)", b -> b.maxRequestLineLength(0),
                        "maxRequestLineLength must be between 1 and 2^31-1 bytes: 0"),
                refused("maxHeadersLength(-1)", b -> b.maxHeadersLength(-1),
                        "maxHeadersLength must be between 1 and 2^31-1 bytes: -1"),
                refused("maxHeaderCount(0)", b -> b.maxHeaderCount(0),
                        "maxHeaderCount must be between 1 and 2^31-1: 0"),
                refused("maxBodyLength(0)", b -> b.maxBodyLength(0),
                        "maxBodyLength must be between 1 and 2^31-9 bytes: 0"),
                refused("maxBodyLength(2^31-8)", b -> b.maxBodyLength(MAX_ARRAY + 1),
                        "maxBodyLength must be between 1 and 2^31-9 bytes: 2147483640"),
                refused("maxStreamedBodyLength(0)", b -> b.maxStreamedBodyLength(0),
                        "maxStreamedBodyLength must be between 1 and 2^63-1 bytes: 0"),
                refused("maxConnections(0)", b -> b.maxConnections(0),
                        "maxConnections must be between 1 and 2^31-1: 0"),
                refused("maxPipelinedRequests(0)", b -> b.maxPipelinedRequests(0),
                        "maxPipelinedRequests must be between 1 and 2^31-1: 0"),
                refused("backlog(0)", b -> b.backlog(0), "backlog must be between 1 and 2^31-1: 0"),
                refused("maxBufferedBytesPerConnection(0)", b -> b.maxBufferedBytesPerConnection(0),
                        "maxBufferedBytesPerConnection must be between 1 and 2^63-1 bytes: 0"),
                refused("maxBufferedBytes(0)", b -> b.maxBufferedBytes(0),
                        "maxBufferedBytes must be between 1 and 2^63-1 bytes: 0"),
                refused("minWriteRate(-1)", b -> b.minWriteRate(-1),
                        "minWriteRate must be between 0 (off) and 2^30 bytes per second: -1"),
                refused("minWriteRate(2^30+1)", b -> b.minWriteRate((1L << 30) + 1),
                        "minWriteRate must be between 0 (off) and 2^30 bytes per second: 1073741825"),
                refused("shutdownGracePeriod(-1 s)", b -> b.shutdownGracePeriod(Duration.ofSeconds(-1)),
                        "shutdownGracePeriod must be between 0 (none) and 24 h: PT-1S"),
                refused("shutdownGracePeriod(25 h)", b -> b.shutdownGracePeriod(Duration.ofHours(25)),
                        "shutdownGracePeriod must be between 0 (none) and 24 h: PT25H"),
                refused("headerTimeout(0)", b -> b.headerTimeout(Duration.ZERO),
                        "headerTimeout must be between 1 ns and 24 h: PT0S"),
                refused("headerTimeout(24 h + 1 ns)", b -> b.headerTimeout(DAY.plusNanos(1)),
                        "headerTimeout must be between 1 ns and 24 h: PT24H0.000000001S"),
                refused("bodyTimeout(0)", b -> b.bodyTimeout(Duration.ZERO),
                        "bodyTimeout must be between 1 ns and 24 h: PT0S"),
                refused("idleTimeout(-1 ms)", b -> b.idleTimeout(Duration.ofMillis(-1)),
                        "idleTimeout must be between 1 ns and 24 h: PT-0.001S"),
                refused("writeTimeout(0)", b -> b.writeTimeout(Duration.ZERO),
                        "writeTimeout must be between 1 ns and 24 h: PT0S"),
                refused("sseHeartbeatInterval(-1 s)", b -> b.sseHeartbeatInterval(Duration.ofSeconds(-1)),
                        "sseHeartbeatInterval must be between 0 (none) and 24 h: PT-1S"),
                refused("sseHeartbeatInterval(2 days)", b -> b.sseHeartbeatInterval(Duration.ofDays(2)),
                        "sseHeartbeatInterval must be between 0 (none) and 24 h: PT48H"),
                refused("maxMessageLength(0)", b -> b.maxMessageLength(0),
                        "maxMessageLength must be between 1 and 2^31-9 bytes: 0"),
                refused("maxMessageLength(2^31-8)", b -> b.maxMessageLength(MAX_ARRAY + 1),
                        "maxMessageLength must be between 1 and 2^31-9 bytes: 2147483640"),
                refused("outboundHighWaterMark(0)", b -> b.outboundHighWaterMark(0),
                        "outboundHighWaterMark must be between 1 and 2^60 bytes: 0"),
                refused("outboundHighWaterMark(2^60+1)", b -> b.outboundHighWaterMark((1L << 60) + 1),
                        "outboundHighWaterMark must be between 1 and 2^60 bytes: 1152921504606846977"),
                refused("webSocketCloseTimeout(0)", b -> b.webSocketCloseTimeout(Duration.ZERO),
                        "webSocketCloseTimeout must be between 1 ns and 24 h: PT0S"),
                refused("webSocketPingInterval(-1 s)", b -> b.webSocketPingInterval(Duration.ofSeconds(-1)),
                        "webSocketPingInterval must be between 0 (never) and 24 h: PT-1S"),
                refused("ioThreadName(\" \")", b -> b.ioThreadName(" "), "ioThreadName must not be blank: \" \""),
                refused("scheduler(\"\")", b -> b.scheduler(""), "scheduler must not be blank: \"\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void settingOutsideItsRangeIsRefusedNamingTheSettingAndTheRange(Consumer<Server.Builder> call, String message) {
        Server.Builder builder = Server.builder().handler(HANDLER);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> call.accept(builder));
        assertEquals(message, error.getMessage());
    }

    /** A setter call, where its value lands in the settings, and the value it must have there. */
    static Stream<Arguments> accepted() {
        return Stream.of(
                accepted("workerThreads(0)", b -> b.workerThreads(0), ServerSettings::workerThreads, 0),
                accepted("workerThreads(32767)", b -> b.workerThreads(32767), ServerSettings::workerThreads, 32767),
                accepted("maxRequestLineLength(1)", b -> b.maxRequestLineLength(1),
                        s -> s.loop().limits().maxRequestLineLength(), 1),
                accepted("maxHeadersLength(2^31-1)", b -> b.maxHeadersLength(Integer.MAX_VALUE),
                        s -> s.loop().limits().maxHeadersLength(), Integer.MAX_VALUE),
                accepted("maxHeaderCount(1)", b -> b.maxHeaderCount(1), s -> s.loop().limits().maxHeaderCount(), 1),
                accepted("maxBodyLength(1)", b -> b.maxBodyLength(1), s -> s.loop().limits().maxBodyLength(), 1L),
                accepted("maxBodyLength(2^31-9)", b -> b.maxBodyLength(MAX_ARRAY),
                        s -> s.loop().limits().maxBodyLength(), MAX_ARRAY),
                accepted("maxStreamedBodyLength(1)", b -> b.maxStreamedBodyLength(1),
                        s -> s.loop().maxStreamedBodyLength(), 1L),
                accepted("maxConnections(1)", b -> b.maxConnections(1), s -> s.loop().maxConnections(), 1),
                accepted("maxPipelinedRequests(1)", b -> b.maxPipelinedRequests(1),
                        s -> s.loop().maxPipelinedRequests(), 1),
                accepted("backlog(2^31-1)", b -> b.backlog(Integer.MAX_VALUE), s -> s.loop().backlog(),
                        Integer.MAX_VALUE),
                accepted("maxBufferedBytesPerConnection(1)", b -> b.maxBufferedBytesPerConnection(1),
                        s -> s.loop().buffers().perConnection(), 1L),
                accepted("maxBufferedBytes(2^63-1)", b -> b.maxBufferedBytes(Long.MAX_VALUE),
                        s -> s.loop().buffers().total(), Long.MAX_VALUE),
                accepted("minWriteRate(0)", b -> b.minWriteRate(0), s -> s.loop().buffers().minWriteRate(), 0L),
                accepted("minWriteRate(2^30)", b -> b.minWriteRate(1L << 30),
                        s -> s.loop().buffers().minWriteRate(), 1L << 30),
                accepted("shutdownGracePeriod(0)", b -> b.shutdownGracePeriod(Duration.ZERO),
                        ServerSettings::shutdownGracePeriod, Duration.ZERO),
                accepted("headerTimeout(1 ns)", b -> b.headerTimeout(Duration.ofNanos(1)),
                        s -> s.loop().timeouts().header(), Duration.ofNanos(1)),
                accepted("bodyTimeout(24 h)", b -> b.bodyTimeout(DAY), s -> s.loop().timeouts().body(), DAY),
                accepted("idleTimeout(24 h)", b -> b.idleTimeout(DAY), s -> s.loop().timeouts().idle(), DAY),
                accepted("writeTimeout(1 ns)", b -> b.writeTimeout(Duration.ofNanos(1)),
                        s -> s.loop().timeouts().write(), Duration.ofNanos(1)),
                accepted("sseHeartbeatInterval(0)", b -> b.sseHeartbeatInterval(Duration.ZERO),
                        s -> s.loop().timeouts().heartbeat(), Duration.ZERO),
                accepted("maxMessageLength(2^31-9)", b -> b.maxMessageLength(MAX_ARRAY),
                        s -> s.loop().webSockets().maxMessageLength(), MAX_ARRAY),
                accepted("outboundHighWaterMark(2^60)", b -> b.outboundHighWaterMark(1L << 60),
                        s -> s.loop().webSockets().highWaterMark(), 1L << 60),
                accepted("webSocketCloseTimeout(24 h)", b -> b.webSocketCloseTimeout(DAY),
                        s -> s.loop().webSockets().closeTimeout(), DAY),
                accepted("webSocketPingInterval(0)", b -> b.webSocketPingInterval(Duration.ZERO),
                        s -> s.loop().webSockets().pingInterval(), Duration.ZERO),
                accepted("webSocketCompression(true)", b -> b.webSocketCompression(true),
                        s -> s.loop().webSockets().deflate(), true),
                accepted("ioThreadName(\"io\")", b -> b.ioThreadName("io"), s -> s.loop().ioThreadName(), "io"),
                accepted("scheduler(\"virtual\")", b -> b.scheduler("virtual"), ServerSettings::scheduler,
                        "virtual"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void settingAtTheEdgeOfItsRangeReachesTheSettings(Consumer<Server.Builder> call,
                                                      Function<ServerSettings, Object> where, Object expected) {
        Server.Builder builder = Server.builder().handler(HANDLER);
        call.accept(builder);
        assertEquals(expected, where.apply(settings(builder)));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ServerSettings settings = settings(Server.builder().handler(HANDLER));
        LoopConfig loop = settings.loop();
        assertEquals(HttpLimits.defaults(), loop.limits());
        assertEquals(new HttpLimits(8 * 1024, 8 * 1024, 100, 1024 * 1024, 4096), loop.limits());
        assertEquals(Long.MAX_VALUE, loop.maxStreamedBodyLength());
        assertEquals(10_000, loop.maxConnections());
        assertEquals(64, loop.maxPipelinedRequests());
        assertEquals(1024, loop.backlog());
        assertEquals("mummy-io", loop.ioThreadName());
        assertEquals(LoopConfig.Timeouts.defaults(), loop.timeouts());
        assertEquals(WebSocketSettings.defaults(), loop.webSockets());
        assertEquals(new BufferLimits(1024 * 1024, BufferLimits.defaultTotal(), 1024), loop.buffers());
        assertNull(settings.scheduler());
        assertEquals(0, settings.workerThreads());
        assertEquals(Duration.ofSeconds(10), settings.shutdownGracePeriod());
    }

    @Test
    void everySettingLandsInItsOwnComponent() {
        WebSocketHandler webSockets = (webSocket, event) -> { };
        LongSupplier clock = () -> 42;
        ServerBuilder builder = (ServerBuilder) Server.builder().handler(HANDLER).scheduler("pool").workerThreads(3)
                .maxRequestLineLength(101).maxHeadersLength(102).maxHeaderCount(103).maxBodyLength(104)
                .maxStreamedBodyLength(105).maxConnections(106).maxPipelinedRequests(107).backlog(108)
                .maxBufferedBytesPerConnection(109).maxBufferedBytes(110).minWriteRate(111)
                .shutdownGracePeriod(Duration.ofSeconds(1)).headerTimeout(Duration.ofSeconds(2))
                .bodyTimeout(Duration.ofSeconds(3)).idleTimeout(Duration.ofSeconds(4))
                .writeTimeout(Duration.ofSeconds(5)).sseHeartbeatInterval(Duration.ofSeconds(6))
                .webSocketHandler(webSockets).maxMessageLength(112).outboundHighWaterMark(113)
                .webSocketCloseTimeout(Duration.ofSeconds(7)).webSocketCompression(true)
                .webSocketPingInterval(Duration.ofSeconds(8)).ioThreadName("io-thread").ioThreads(1);
        ServerSettings settings = builder.clock(clock).settings();
        Duration linger = LoopConfig.Timeouts.defaults().linger();
        assertEquals(new ServerSettings(new LoopConfig(HANDLER, new HttpLimits(101, 102, 103, 104, 4096), 105, 106,
                107, 108, "io-thread", new LoopConfig.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3),
                        Duration.ofSeconds(4), Duration.ofSeconds(5), linger, Duration.ofSeconds(6)),
                clock, new WebSocketSettings(webSockets, 112, 113, Duration.ofSeconds(7), true, Duration.ofSeconds(8)),
                new BufferLimits(109, 110, 111)), 1, true, "pool", 3, Duration.ofSeconds(1), true), settings);
    }

    @Test
    void refusedValueLeavesThePreviousOne() {
        Server.Builder builder = Server.builder().handler(HANDLER).maxBodyLength(5);
        assertThrows(IllegalArgumentException.class, () -> builder.maxBodyLength(0));
        assertEquals(5, settings(builder).loop().limits().maxBodyLength());
    }

    @Test
    void totalBufferBelowThePerConnectionBufferIsRefusedByBuildNamingBoth() {
        Server.Builder builder = Server.builder().handler(HANDLER).ioThreads(1)
                .maxBufferedBytesPerConnection(64 << 20).maxBufferedBytes(32 << 20);
        IllegalStateException error = assertThrows(IllegalStateException.class, builder::build);
        assertEquals("maxBufferedBytes (33554432) must be at least maxBufferedBytesPerConnection (67108864)",
                error.getMessage());
        assertEquals(64 << 20, settings(builder.maxBufferedBytes(64 << 20)).loop().buffers().total());
    }

    @Test
    void nullsAreRefusedNamingTheSetting() {
        Server.Builder builder = Server.builder();
        assertEquals("handler", assertThrows(NullPointerException.class, () -> builder.handler(null)).getMessage());
        assertEquals("webSocketHandler",
                assertThrows(NullPointerException.class, () -> builder.webSocketHandler(null)).getMessage());
        assertEquals("headerTimeout",
                assertThrows(NullPointerException.class, () -> builder.headerTimeout(null)).getMessage());
        assertEquals("ioThreadName",
                assertThrows(NullPointerException.class, () -> builder.ioThreadName(null)).getMessage());
    }

    @Test
    void changingTheBuilderAfterBuildDoesNotChangeTheBuiltSettings() {
        Server.Builder builder = Server.builder().handler(HANDLER).maxConnections(7);
        ServerSettings first = settings(builder);
        builder.maxConnections(8);
        assertEquals(7, first.loop().maxConnections());
        assertEquals(8, settings(builder).loop().maxConnections());
    }

    private static ServerSettings settings(Server.Builder builder) {
        return ((ServerBuilder) builder).settings();
    }

    private static Arguments refused(String call, Consumer<Server.Builder> setter, String message) {
        return Arguments.of(Named.of(call, setter), message);
    }

    private static Arguments accepted(String call, Consumer<Server.Builder> setter,
                                      Function<ServerSettings, Object> where, Object expected) {
        return Arguments.of(Named.of(call, setter), where, expected);
    }
}
