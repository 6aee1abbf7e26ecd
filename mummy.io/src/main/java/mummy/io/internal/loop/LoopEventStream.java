package mummy.io.internal.loop;

import mummy.api.EventStream;
import mummy.api.SendResult;
import mummy.api.ServerSentEvent;

/**
 * An {@link EventStream} over a {@link LoopResponseStream}: each event is one piece, so the IO
 * thread's heartbeat comments only ever fall between events.
 *
 * <p>Threading: any thread, as the stream it wraps.
 */
final class LoopEventStream implements EventStream {

    private final LoopResponseStream stream;
    private final String lastEventId;

    LoopEventStream(LoopResponseStream stream, String lastEventId) {
        this.stream = stream;
        this.lastEventId = lastEventId;
    }

    @Override
    public SendResult send(ServerSentEvent event) {
        return stream.write(event.encode());
    }

    @Override
    public SendResult sendBlocking(ServerSentEvent event) throws InterruptedException {
        return stream.writeBlocking(event.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public long bufferedBytes() {
        return stream.bufferedBytes();
    }

    @Override
    public SendResult comment(String text) {
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a comment is one line: no CR or LF");
        }
        return stream.write(": " + text + "\n\n");
    }

    @Override
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public boolean isOpen() {
        return stream.isOpen();
    }

    @Override
    public void onClose(Runnable callback) {
        stream.onClose(callback);
    }

    @Override
    public void close() {
        stream.close();
    }
}
