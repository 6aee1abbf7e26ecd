package mummy.benchmarks.peers.netty;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mummy.benchmarks.dbcommon.DbSettings;
import mummy.benchmarks.dbcommon.JdbcDatabase;

/**
 * The JDBC pool and the workers its blocking calls are offloaded to, as Netty's users do (an event
 * loop must never block): a fixed pool of platform threads, one per connection, so that a worker
 * never waits for a connection and the event loops never wait at all.
 *
 * @param jdbc the HikariCP pool
 * @param workers the threads that call it
 */
record Database(JdbcDatabase jdbc, ExecutorService workers) implements AutoCloseable {

    static Database open(DbSettings settings) {
        return new Database(JdbcDatabase.open(settings),
                Executors.newFixedThreadPool(settings.poolSize(), Thread.ofPlatform().name("db-", 0).factory()));
    }

    @Override
    public void close() {
        workers.shutdown();
        jdbc.close();
    }
}
