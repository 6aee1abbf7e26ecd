package mummy.io;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The integration suites' common frame: each test class runs once per scheduler, each test against
 * a fresh {@link TestApp} on an ephemeral port.
 */
@ParameterizedClass
@ValueSource(strings = {"pool", "forkjoin", "virtual"})
abstract class EveryScheduler {

    @Parameter
    String scheduler;

    TestApp app;

    @BeforeEach
    void startServer() {
        app = new TestApp(scheduler);
    }

    @AfterEach
    void stopServer() {
        app.close();
    }
}
