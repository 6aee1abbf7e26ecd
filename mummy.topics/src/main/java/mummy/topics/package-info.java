/**
 * Topics and fan-out: a {@link mummy.topics.Broker} publishes messages by topic name to its
 * {@link mummy.topics.TopicListener}s ({@link mummy.topics.InMemoryBroker} within one process, a
 * broker module across instances); {@link mummy.topics.WebSocketFanOut} and
 * {@link mummy.topics.EventStreamFanOut} pass a topic on to many connections, honouring each
 * one's backpressure by the {@link mummy.topics.SlowSubscriberPolicy}, so that one slow client
 * never grows the heap.
 */
package mummy.topics;
