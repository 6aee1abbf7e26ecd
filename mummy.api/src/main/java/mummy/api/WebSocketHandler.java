package mummy.api;

/**
 * Receives the events of every WebSocket connection of a server. Runs on the scheduler's worker
 * threads; one connection's events arrive one at a time, in order, while different connections'
 * events run in parallel. An exception thrown for one event is logged and delivered as an
 * {@link WebSocketEvent.Error}; the connection stays open.
 */
@FunctionalInterface
public interface WebSocketHandler {

    /**
     * Handles one event.
     *
     * @param webSocket the connection
     * @param event what happened
     * @throws Exception anything; logged, and reported as a {@link WebSocketEvent.Error} event
     */
    void onEvent(WebSocket webSocket, WebSocketEvent event) throws Exception;
}
