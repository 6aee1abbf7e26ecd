package mummy.api;

/**
 * What became of bytes handed to a send or write that never blocks: a WebSocket message
 * ({@link WebSocket#send(String)}), a chunk of a response stream ({@link ResponseStream#write}), a
 * server-sent event ({@link EventStream#send(ServerSentEvent)}).
 */
public enum SendResult {
    /** Queued; the connection is below its high-water mark. */
    QUEUED,
    /** Queued; the connection is over its high-water mark: slow down, or use the blocking variant. */
    BACKPRESSURED,
    /** Not sent: the connection is closing or closed (the client went away). */
    CLOSED
}
