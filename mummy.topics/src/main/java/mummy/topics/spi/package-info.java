/**
 * For broker implementations (such as {@code mummy.topics.redis}): the local listener registry
 * that keeps one remote subscription per topic ({@link mummy.topics.spi.LocalListeners}), the
 * topic-name rule ({@link mummy.topics.spi.TopicNames}) and the message-id order
 * ({@link mummy.topics.spi.MessageIds}). Applications do not need it.
 */
package mummy.topics.spi;
