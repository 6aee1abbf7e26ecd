/**
 * Topics across instances through Redis: {@link mummy.topics.redis.RedisBroker}, pub/sub or Redis
 * Streams with a bounded history for {@code Last-Event-ID} resumes on any instance.
 */
package mummy.topics.redis;
