/**
 * The test application of mummy.topics.redis' module-path and runtime-image tests: an event
 * stream of one topic on a RedisBroker, and a POST that publishes to it.
 */
module redisapp {
    requires mummy.io;
    requires mummy.topics.redis;
}
