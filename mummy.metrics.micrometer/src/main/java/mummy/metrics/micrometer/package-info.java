/**
 * {@link mummy.metrics.micrometer.MummyMetrics}: a server's metrics as Micrometer meters, read
 * from the server's own counters at each scrape.
 */
package mummy.metrics.micrometer;
