/**
 * JMH micro-benchmarks of the hot paths, one class per subject, each benchmark method with its
 * baseline beside it where one exists:
 * <ul>
 *   <li>{@link mummy.benchmarks.HttpParseBenchmark}: request parsing, bytes/s and requests/s;
 *   <li>{@link mummy.benchmarks.ResponseEncodeBenchmark}: response encoding, with and without gzip;
 *   <li>{@link mummy.benchmarks.HandOffQueueBenchmark}: the MPSC hand-back, one and two producers;
 *   <li>{@link mummy.benchmarks.WakeupBenchmark}: the syscalls of one eventfd wakeup;
 *   <li>{@link mummy.benchmarks.WakeupPingPongBenchmark}: the cross-thread wakeup latency;
 *   <li>{@link mummy.benchmarks.WakeupQueueBenchmark}: {@code WakeupQueue.offer}, IO thread awake or asleep;
 *   <li>{@link mummy.benchmarks.RouterBenchmark}: routing with 50 routes;
 *   <li>{@link mummy.benchmarks.WebSocketCodecBenchmark}: frame reading with unmasking, UTF-8 validation.
 * </ul>
 * Run them with {@code benchmarks/jmh}; results and their reading are in {@code benchmarks/JMH-RESULTS.md}.
 * These are measurements, not tests: nothing fails on a number, and the build only compiles them.
 */
package mummy.benchmarks;
