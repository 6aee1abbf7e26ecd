/**
 * What every server of the database workloads shares: {@link mummy.benchmarks.dbcommon.World} and
 * {@link mummy.benchmarks.dbcommon.Fortune} with their renderings (TechEmpower's JSON and fortunes
 * page), {@link mummy.benchmarks.dbcommon.DbSettings} (the command line) and
 * {@link mummy.benchmarks.dbcommon.JdbcDatabase} (a HikariCP pool of pgjdbc connections, prepared
 * statements). Benchmark only.
 */
module mummy.benchmarks.dbcommon {
    requires transitive java.sql;
    requires com.zaxxer.hikari;
    // The driver is found by its java.sql.Driver service; required so that it is resolved.
    requires org.postgresql.jdbc;

    exports mummy.benchmarks.dbcommon;
}
