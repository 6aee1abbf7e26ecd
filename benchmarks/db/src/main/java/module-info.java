/**
 * Mummy's server of the database workloads: {@link mummy.benchmarks.db.DbServer}. Runs on the
 * module path, {@code --enable-native-access=mummy.io}; the schedulers are found as services.
 */
module mummy.benchmarks.db {
    requires mummy.io;
    requires mummy.benchmarks.dbcommon;
}
