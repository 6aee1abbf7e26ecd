/**
 * A {@link mummy.topics.Broker} backed by Redis ({@link mummy.topics.redis.RedisBroker}), for
 * several instances behind a load balancer: pub/sub, or Redis Streams with a bounded history.
 */
module mummy.topics.redis {
    // Transitive: RedisBroker implements mummy.topics.Broker.
    requires transitive mummy.topics;
    // An automatic module (the pom says why Jedis); none of its types is in this module's API.
    requires redis.clients.jedis;
    // Jedis' own dependencies that are explicit modules. An automatic module reads every module,
    // but resolving it adds none of the explicit ones to the graph, so on a module path Jedis
    // would fail with NoClassDefFoundError (org.slf4j.LoggerFactory, in its static initialiser)
    // unless some module requires them: this one does.
    requires org.slf4j;
    requires org.apache.commons.pool2;
    requires org.json;
    requires com.google.gson;

    exports mummy.topics.redis;
}
