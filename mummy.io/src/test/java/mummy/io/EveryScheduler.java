package mummy.io;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The integration suites' common frame: each test class runs once per scheduler and per number of
 * IO loops (1 and 2), each test against a fresh {@link TestApp} on an ephemeral port.
 */
@ParameterizedClass(name = "{0}, {1} IO loop(s)")
@MethodSource("mummy.io.EveryScheduler#setups")
abstract class EveryScheduler {

    @Parameter(0)
    String scheduler;

    @Parameter(1)
    int ioThreads;

    TestApp app;

    /** Every scheduler with one IO loop, then with two. */
    static Stream<Arguments> setups() {
        return Stream.of(1, 2).flatMap(loops -> Stream.of("pool", "forkjoin", "virtual")
                .map(scheduler -> Arguments.of(scheduler, loops)));
    }

    /** {@return a builder with this run's scheduler and IO loops} */
    Server.Builder builder() {
        return Server.builder().scheduler(scheduler).ioThreads(ioThreads);
    }

    @BeforeEach
    void startServer() {
        app = new TestApp(scheduler, Server.builder().ioThreads(ioThreads));
    }

    @AfterEach
    void stopServer() {
        app.close();
    }
}
