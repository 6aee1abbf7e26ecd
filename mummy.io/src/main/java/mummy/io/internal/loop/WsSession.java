package mummy.io.internal.loop;

import mummy.io.internal.ws.WsFrameReader;
import mummy.io.internal.ws.WsMessageAssembler;

/**
 * The IO thread's side of one upgraded connection: frame reader, message assembler, and where
 * the closing handshake stands.
 *
 * <p>Threading: IO thread only.
 */
final class WsSession {

    final LoopWebSocket webSocket;
    final WsFrameReader reader;
    final WsMessageAssembler assembler;
    /** Our Close frame is queued: data frames offered after it are dropped. */
    boolean closeSent;
    /** The peer's Close frame arrived: nothing more is read. */
    boolean closeReceived;
    /**
     * The peer broke the protocol and our Close frame waits for the handler to see the messages
     * before the violation (see {@link WsMailbox#postFailure}); the CLOSE timeout runs meanwhile.
     */
    boolean failing;
    /** The Close event was posted to the mailbox: nothing more is. */
    boolean closeEventPosted;
    /** We sent a ping and no pong has come back yet. */
    boolean awaitingPong;
    /** Inbound events pile up in the mailbox: reading is paused until the handler catches up. */
    boolean inputPaused;

    WsSession(LoopWebSocket webSocket, WsFrameReader reader, WsMessageAssembler assembler) {
        this.webSocket = webSocket;
        this.reader = reader;
        this.assembler = assembler;
    }
}
