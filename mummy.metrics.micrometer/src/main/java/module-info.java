/**
 * Binds a Mummy server's metrics to Micrometer: {@link mummy.metrics.micrometer.MummyMetrics}, a
 * {@code MeterBinder} of function-based meters that read {@link mummy.io.Server#metrics()} when a
 * registry reads them, so that the server's figures go wherever the application's Micrometer
 * registry publishes (Prometheus, OTLP, Datadog, ...), at no cost per request.
 *
 * <p>Optional: nothing else in Mummy depends on it. Micrometer's jars are automatic modules
 * ({@code micrometer.core} and the modules it needs), which run on the module path as they are but
 * which {@code jlink} cannot link into a runtime image.
 */
module mummy.metrics.micrometer {
    // Transitive: MummyMetrics takes a mummy.io.Server.
    requires transitive mummy.io;
    // Transitive: MummyMetrics implements MeterBinder and takes a MeterRegistry and Tags. An
    // automatic module (micrometer-core's Automatic-Module-Name); the pom says why javac's warnings
    // about that are off.
    requires transitive micrometer.core;

    exports mummy.metrics.micrometer;
}
