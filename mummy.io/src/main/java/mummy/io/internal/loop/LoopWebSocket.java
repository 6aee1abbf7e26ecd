package mummy.io.internal.loop;

import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import mummy.api.HttpHeaders;
import mummy.api.SendResult;
import mummy.api.WebSocket;
import mummy.api.WebSocketHandler;
import mummy.io.internal.ffi.SocketAddresses;
import mummy.io.internal.metrics.LoopMetrics;
import mummy.io.internal.ws.CloseCodes;
import mummy.io.internal.ws.Opcode;
import mummy.io.internal.ws.PerMessageDeflate;
import mummy.io.internal.ws.WsFrameEncoder;

/**
 * The {@link WebSocket} handed to applications: encodes frames on the calling thread and offers
 * them to the IO thread, which writes them in order after the 101 response.
 *
 * <p>Threading: any thread. {@code outstanding} counts bytes offered and not yet written (the IO
 * thread subtracts as it writes); {@code closing} is claimed once, by the first close (ours or the
 * IO thread's on the peer's behalf), after which sends return {@link SendResult#CLOSED}. Frames
 * are encoded and offered under {@code sendLock} so that a compressor's state and the queue order
 * agree; the lock is never taken by the IO thread.
 *
 * <p>Bound: past the high-water mark of {@code outstanding}, sends report
 * {@link SendResult#BACKPRESSURED}; past {@link WorkerPort#cutOff} of it the sender ignored
 * backpressure, and the next send cuts the connection off instead of queueing ({@link #cutOff(long)}).
 */
final class LoopWebSocket implements WebSocket {

    private static final System.Logger LOG = System.getLogger("mummy.io");

    private final WakeupQueue<IoCommand> queue;
    final int fd;
    final long generation;
    private final String path;
    private final HttpHeaders requestHeaders;
    private final byte[] remoteSockaddr;
    private final String subprotocol;
    private final PerMessageDeflate deflate;
    private final long highWaterMark;
    private final long cutOff;
    /** Bytes offered to the IO thread and not yet written to the socket. */
    final AtomicLong outstanding = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Object sendLock = new Object();
    private final Object writable = new Object();
    private volatile int waiters;
    private volatile Object attachment;
    /** Delivers this connection's events; set by the IO thread before the first event. */
    final WsMailbox mailbox;
    /** Where sends that meet backpressure are counted; null for the send-only jcstress form. */
    private final LoopMetrics metrics;

    LoopWebSocket(WorkerPort port, int fd, long generation, String path, HttpHeaders requestHeaders,
                  byte[] remoteSockaddr, String subprotocol, PerMessageDeflate deflate) {
        this(port, fd, generation, path, requestHeaders, remoteSockaddr, subprotocol, deflate,
                port == null ? null : port.webSockets().handler());
    }

    /** A connection whose events go to {@code handler} (a route's, or the server's). */
    LoopWebSocket(WorkerPort port, int fd, long generation, String path, HttpHeaders requestHeaders,
                  byte[] remoteSockaddr, String subprotocol, PerMessageDeflate deflate, WebSocketHandler handler) {
        this(port == null ? null : port.queue(), port == null ? Long.MAX_VALUE : port.webSockets().highWaterMark(),
                fd, generation, path, requestHeaders, remoteSockaddr, subprotocol, deflate, port, handler);
    }

    /**
     * The frame-sending side alone when {@code port} is null (no mailbox): for the jcstress test
     * of send racing close.
     */
    LoopWebSocket(WakeupQueue<IoCommand> queue, long highWaterMark, int fd, long generation, String path,
                  HttpHeaders requestHeaders, byte[] remoteSockaddr, String subprotocol, PerMessageDeflate deflate,
                  WorkerPort port) {
        this(queue, highWaterMark, fd, generation, path, requestHeaders, remoteSockaddr, subprotocol, deflate, port,
                port == null ? null : port.webSockets().handler());
    }

    private LoopWebSocket(WakeupQueue<IoCommand> queue, long highWaterMark, int fd, long generation, String path,
                          HttpHeaders requestHeaders, byte[] remoteSockaddr, String subprotocol,
                          PerMessageDeflate deflate, WorkerPort port, WebSocketHandler handler) {
        this.queue = queue;
        this.fd = fd;
        this.generation = generation;
        this.path = path;
        this.requestHeaders = requestHeaders;
        this.remoteSockaddr = remoteSockaddr;
        this.subprotocol = subprotocol;
        this.deflate = deflate;
        this.highWaterMark = highWaterMark;
        this.cutOff = WorkerPort.cutOff(highWaterMark);
        this.mailbox = port == null ? null : new WsMailbox(port, this, handler);
        this.metrics = port == null ? null : port.metrics();
    }

    /** A connection that never opened: the upgrade was refused. */
    static LoopWebSocket refused(String path, HttpHeaders requestHeaders, byte[] remoteSockaddr) {
        LoopWebSocket webSocket = new LoopWebSocket(null, -1, 0, path, requestHeaders, remoteSockaddr, null, null);
        webSocket.closing.set(true);
        return webSocket;
    }

    PerMessageDeflate deflate() {
        return deflate;
    }

    @Override
    public SendResult send(String text) {
        return sendData(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public SendResult send(byte[] data) {
        return sendData(Opcode.BINARY, data);
    }

    @Override
    public SendResult sendBlocking(String text) throws InterruptedException {
        awaitWritable();
        return send(text);
    }

    @Override
    public SendResult sendBlocking(byte[] data) throws InterruptedException {
        awaitWritable();
        return send(data);
    }

    @Override
    public SendResult ping(byte[] payload) {
        if (payload.length > 125) {
            throw new IllegalArgumentException("a ping payload is at most 125 bytes (RFC 6455 5.5): " + payload.length);
        }
        if (overCap()) {
            return SendResult.CLOSED;
        }
        return offer(WsFrameEncoder.encode(Opcode.PING, true, false, payload, 0, payload.length));
    }

    @Override
    public void close(int code, String reason) {
        if (!CloseCodes.isValidToSend(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent (RFC 6455 7.4)");
        }
        Objects.requireNonNull(reason, "reason");
        sendClose(WsFrameEncoder.close(code, reason));
    }

    /**
     * Worker, in this connection's event order: sends the Close frame for a protocol error the IO
     * thread found (1002, 1007, 1009, which applications may not send themselves), unless a close
     * was claimed already.
     */
    void closeAfterFailure(byte[] closeFrame) {
        sendClose(closeFrame);
    }

    private void sendClose(byte[] frame) {
        if (closing.compareAndSet(false, true)) {
            synchronized (sendLock) {
                outstanding.addAndGet(frame.length);
                queue.offer(new IoCommand.WsFrame(this, frame, true));
            }
            wakeWaiters();
        }
    }

    /** IO thread: the peer closed or the connection ended; no more sends. Returns whether it was open. */
    boolean markClosing() {
        boolean wasOpen = closing.compareAndSet(false, true);
        wakeWaiters();
        return wasOpen;
    }

    private SendResult sendData(Opcode opcode, byte[] payload) {
        if (closing.get()) {
            return SendResult.CLOSED;
        }
        synchronized (sendLock) {
            if (overCap()) {
                return SendResult.CLOSED;
            }
            if (deflate != null) {
                byte[] compressed;
                try {
                    compressed = deflate.compress(payload);
                } catch (IllegalStateException connectionEnded) {
                    return SendResult.CLOSED; // NOTE: the IO thread freed the compressor as the connection closed
                }
                return offer(WsFrameEncoder.encode(opcode, true, true, compressed, 0, compressed.length));
            }
            return offer(WsFrameEncoder.encode(opcode, true, false, payload, 0, payload.length));
        }
    }

    private SendResult offer(byte[] frame) {
        if (closing.get()) {
            return SendResult.CLOSED;
        }
        long queued = outstanding.addAndGet(frame.length);
        queue.offer(new IoCommand.WsFrame(this, frame, false));
        if (queued <= highWaterMark) {
            return SendResult.QUEUED;
        }
        if (metrics != null) {
            metrics.backpressured();
        }
        return SendResult.BACKPRESSURED;
    }

    /** Whether the backlog passed the hard cap; if so the connection is cut off ({@link #cutOff(long)}). */
    private boolean overCap() {
        long backlog = outstanding.get();
        if (backlog <= cutOff) {
            return false;
        }
        cutOff(backlog);
        return true;
    }

    /**
     * The sender ignored backpressure until the backlog passed its hard cap: the WebSocket is
     * closing from now on (sends report {@link SendResult#CLOSED}, blocked senders wake), and the
     * IO thread resets the connection, dropping what is queued; the handler then gets its
     * {@code Close} (1006). Logged once, by the send that claims the close.
     */
    private void cutOff(long backlog) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "websocket.cut_off: fd " + fd + ": the client is " + backlog
                + " bytes behind, past " + WorkerPort.CUT_OFF_FACTOR + " x the high-water mark; resetting the"
                + " connection");
        wakeWaiters();
        queue.offer(new IoCommand.Abort(fd, generation, "websocket.cut_off: " + backlog + " bytes behind"));
    }

    private void awaitWritable() throws InterruptedException {
        if (outstanding.get() <= highWaterMark || closing.get()) {
            return;
        }
        synchronized (writable) {
            waiters++;
            try {
                while (outstanding.get() > highWaterMark && !closing.get()) {
                    writable.wait();
                }
            } finally {
                waiters--;
            }
        }
    }

    /** IO thread: {@code written} bytes of this connection reached the socket. */
    void written(long written) {
        long left = outstanding.addAndGet(-written);
        if (waiters > 0 && left <= highWaterMark / 2) {
            wakeWaiters();
        }
    }

    private void wakeWaiters() {
        if (waiters > 0) {
            synchronized (writable) {
                writable.notifyAll();
            }
        }
    }

    @Override
    public boolean isOpen() {
        return !closing.get();
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public long bufferedBytes() {
        return Math.max(0, outstanding.get());
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public HttpHeaders requestHeaders() {
        return requestHeaders;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return SocketAddresses.decode(MemorySegment.ofArray(remoteSockaddr));
    }

    @Override
    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public String toString() {
        return "WebSocket[fd " + fd + ", " + path + (isOpen() ? ", open]" : ", closed]");
    }
}
