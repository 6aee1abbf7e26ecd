/**
 * The Mummy HTTP/1.1 server: {@link mummy.io.Server} and its
 * {@link mummy.io.Server.Builder builder}; operating it: {@link mummy.io.ServerMetrics} (the
 * snapshot of {@link mummy.io.Server#metrics()}) and {@link mummy.io.Metrics} (the Prometheus and
 * readiness handlers).
 */
package mummy.io;
