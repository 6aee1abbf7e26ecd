package mummy.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import mummy.api.HttpHeaders;
import mummy.api.ResponseStream;
import mummy.api.SendResult;

/**
 * The {@link ResponseStream} of a {@link FakeRequest}: keeps every byte written, and the trailers
 * it was closed with. Nothing is ever backpressured: {@link #bufferedBytes()} is always 0.
 *
 * <p>Threading: any thread.
 */
final class RecordedStream implements ResponseStream {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final StreamEnd end = new StreamEnd();
    private HttpHeaders trailers;

    @Override
    public SendResult write(byte[] data) {
        Objects.requireNonNull(data, "data");
        synchronized (this) {
            if (!end.isOpen() || trailers != null) {
                return SendResult.CLOSED;
            }
            written.writeBytes(data);
        }
        return SendResult.QUEUED;
    }

    @Override
    public SendResult write(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public SendResult writeBlocking(byte[] data) {
        return write(data);
    }

    @Override
    public void close(HttpHeaders trailers) {
        Objects.requireNonNull(trailers, "trailers");
        synchronized (this) {
            if (!end.isOpen() || this.trailers != null) {
                return;
            }
            this.trailers = trailers;
        }
        end.end();
    }

    @Override
    public boolean isOpen() {
        return end.isOpen();
    }

    @Override
    public void onClose(Runnable callback) {
        end.onClose(callback);
    }

    @Override
    public long bufferedBytes() {
        return 0;
    }

    /**
     * The bytes written so far.
     *
     * @return a copy
     */
    synchronized byte[] written() {
        return written.toByteArray();
    }

    /**
     * The trailers the handler closed the stream with.
     *
     * @return the trailers, or null while open or if the client went away first
     */
    synchronized HttpHeaders trailers() {
        return trailers;
    }

    /** Plays the client going away: the stream ends without trailers. */
    void disconnect() {
        end.end();
    }
}
