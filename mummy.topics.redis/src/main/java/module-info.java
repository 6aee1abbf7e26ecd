/**
 * A {@link mummy.topics.Broker} backed by Redis ({@link mummy.topics.redis.RedisBroker}), for
 * several instances behind a load balancer: pub/sub, or Redis Streams with a bounded history.
 */
module mummy.topics.redis {
    // Transitive: RedisBroker implements mummy.topics.Broker.
    requires transitive mummy.topics;
    // An automatic module (the pom says why Jedis); none of its types is in this module's API.
    requires redis.clients.jedis;

    exports mummy.topics.redis;
}
