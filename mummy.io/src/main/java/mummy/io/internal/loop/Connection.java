package mummy.io.internal.loop;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import mummy.io.internal.http.HttpRequestParser;

/**
 * The state of one accepted socket: its parser, the bytes it sent that are not parsed yet, the
 * order of its responses, and the bytes waiting to be written.
 *
 * <pre>
 *            accept
 *              |
 *              v          request parsed            responses written
 *   +------> OPEN ----------------------------&gt; IN FLIGHT (n &gt; 0) ----+
 *   |          |  (reading; paused while n reaches maxPipelinedRequests)   |
 *   +----------+-------------------------------------------------------------+
 *              |  EOF, Connection: close, refused request, shutdown
 *              v
 *           CLOSING (no more parsing; close once every response is written;
 *              |     after a refused request: shut down writing, drain input briefly)
 *              v
 *           CLOSED (fd closed, slot freed; late responses for this generation dropped)
 * </pre>
 *
 * <p>Threading: IO thread only. Nothing here is shared; workers reach a connection only through
 * {@link IoCommand.Send} messages naming its fd and generation.
 *
 * <p>Memory: an idle connection holds no buffer: {@code carry} exists only while a request is
 * partly received, and the output queue only while bytes wait for the socket.
 */
final class Connection {

    final int fd;
    final long generation;
    final byte[] remoteSockaddr;
    final HttpRequestParser parser;

    /** Received bytes not consumed by the parser yet, at {@code [0, carryLength)}; null when none. */
    byte[] carry;
    int carryLength;

    /** The socket may hold bytes we have not read (reading paused); read them on resume. */
    boolean readPending;
    /** epoll reported a hang-up or error: read until the end instead of stopping at a short read. */
    boolean hangUp;
    /** The peer closed its sending side. */
    boolean inputClosed;
    /** Parse nothing more: the last request said close, a request was refused, or shutdown. */
    boolean noMoreRequests;
    /** 100 Continue was sent for the request being received. */
    boolean continueSent;
    /** A request asking to upgrade is in flight: parse nothing after it until its answer is known. */
    boolean upgradeRequested;
    /** The sequence number of that request. */
    int upgradeSequence;
    /** Its 101 was queued just now: the loop switches the connection to WebSocket framing. */
    LoopWebSocket pendingUpgrade;
    /** Frames sent before the 101 was queued; they follow it. Null when none. */
    ArrayDeque<IoCommand.WsFrame> wsEarly;
    /** The streamed response being written (its head is queued, its last piece not yet), else null. */
    LoopResponseStream activeStream;
    /** The streamed body being received (its request is dispatched, its end not parsed yet), else null. */
    LoopRequestBody requestBody;
    /** The sequence number of that body's request. */
    int requestBodySequence;
    /** Reading paused until that body's reader catches up ({@link IoCommand.BodyResume}). */
    boolean bodyPaused;
    /** The WebSocket state once upgraded, else null. */
    WsSession ws;

    /** The sequence number the next parsed request gets. */
    int nextSequence;
    /** The sequence number whose response is written next. */
    int sendSequence;
    /** Responses that arrived before an earlier one, by sequence; null until needed. */
    private Map<Integer, ArrayDeque<IoCommand.Send>> early;

    /**
     * What waits for the socket, in order: encoded {@code byte[]}s and {@link FileBody.Cursor}s
     * (file regions sent with {@code sendfile}); null when nothing waits.
     */
    ArrayDeque<Object> out;
    /** How much of {@code out.peekFirst()} is already written, when it is an array. */
    int outOffset;
    /** The socket's send buffer is full; wait for EPOLLOUT. */
    boolean writeBlocked;
    /** Close once every response is written. */
    boolean closeAfterFlush;
    /** Shut down writing and discard input until EOF or the linger deadline (after a refusal). */
    boolean lingerOnClose;
    /** Bytes arrived / left since the timer was last set: renews BODY / WRITE timeouts. */
    boolean readProgress;
    boolean writeProgress;
    /** In the loop's dirty list: flush at the end of this turn. */
    boolean dirty;
    /** Lingering: our side is shut down, input is discarded until the LINGER deadline. */
    boolean lingering;
    /** The timeout this connection waits under, or null; see {@link Deadlines}. */
    Deadlines.Kind timer;
    /** When {@link #timer} expires, in the loop clock's nanoseconds. */
    long deadline;
    /** Neighbours in the {@link Deadlines} list of {@link #timer}. */
    Connection timerPrevious;
    Connection timerNext;
    /** Set by {@link Deadlines#pollExpired}: the timeout that just expired. */
    Deadlines.Kind expired;
    boolean closed;
    /** Close with a reset (SO_LINGER 0), dropping unsent bytes: for peers that stopped reading. */
    boolean abortOnClose;

    Connection(int fd, long generation, byte[] remoteSockaddr, HttpRequestParser parser) {
        this.fd = fd;
        this.generation = generation;
        this.remoteSockaddr = remoteSockaddr;
        this.parser = parser;
    }

    /** Requests dispatched whose final response is not written (queued) yet. */
    int inFlight() {
        return nextSequence - sendSequence;
    }

    /** Whether nothing is in flight and nothing waits to be written. */
    boolean quiet() {
        return inFlight() == 0 && (out == null || out.isEmpty());
    }

    /**
     * Takes a response in request order: queues its bytes if its turn has come (and then any
     * responses that were waiting behind it), else keeps it until then.
     *
     * @return whether bytes were queued for writing
     */
    boolean accept(IoCommand.Send send) {
        if (send.sequence() < sendSequence) {
            send.discard();
            return false; // NOTE: an interim racing its own final response: the final went out; drop.
        }
        if (send.sequence() != sendSequence) {
            if (early == null) {
                early = new HashMap<>();
            }
            early.computeIfAbsent(send.sequence(), k -> new ArrayDeque<>(2)).add(send);
            return false;
        }
        queue(send);
        if (send.last()) {
            releaseEarly();
        }
        return true;
    }

    /** Queues the responses that were waiting for their turn, stopping at the first one still missing. */
    private void releaseEarly() {
        while (early != null && !early.isEmpty()) {
            int turn = sendSequence;
            ArrayDeque<IoCommand.Send> waiting = early.remove(turn);
            if (waiting == null) {
                return;
            }
            for (IoCommand.Send next : waiting) {
                if (next.sequence() == sendSequence) {
                    queue(next); // NOTE: an interim that lost the race to its own final is dropped here
                } else {
                    next.discard();
                }
            }
            if (sendSequence == turn) {
                return; // only interim responses of this turn have arrived
            }
        }
    }

    private void queue(IoCommand.Send send) {
        enqueue(send.bytes());
        if (send.file() != null) {
            enqueueFile(send.file());
        }
        if (send.stream() != null) {
            activeStream = send.stream();
        }
        if (send.last()) {
            activeStream = null;
            if (send.upgrade() != null) {
                pendingUpgrade = send.upgrade();
            } else if (upgradeRequested && send.sequence() == upgradeSequence) {
                upgradeRequested = false; // answered without upgrading: parse on as HTTP
            }
            sendSequence++;
            if (send.close()) {
                noMoreRequests = true;
                closeAfterFlush = true;
            }
        }
    }

    /** Appends bytes to the output queue; an empty array (such as the end of a raw stream) adds nothing. */
    void enqueue(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        if (out == null) {
            out = new ArrayDeque<>(4);
        }
        out.add(bytes);
    }

    /** Appends a file body's parts: its byte arrays, and a cursor for each region. */
    private void enqueueFile(FileBody file) {
        int lastRegion = -1;
        for (int i = 0; i < file.parts.size(); i++) {
            if (file.parts.get(i) instanceof FileBody.Region) {
                lastRegion = i;
            }
        }
        for (int i = 0; i < file.parts.size(); i++) {
            switch (file.parts.get(i)) {
                case byte[] bytes -> enqueue(bytes);
                case FileBody.Region region -> {
                    if (out == null) {
                        out = new ArrayDeque<>(4);
                    }
                    out.add(new FileBody.Cursor(file, region, i == lastRegion));
                }
                default -> throw new IllegalStateException("not a file part"); // FileBody checks its parts
            }
        }
    }

    /** Marks {@code written} bytes of the file region at the head of the output queue as sent. */
    void advanceFile(FileBody.Cursor cursor, long written) {
        cursor.position += written;
        cursor.remaining -= written;
        if (cursor.remaining == 0) {
            out.pollFirst();
            if (cursor.last) {
                cursor.body.close();
            }
            if (out.isEmpty()) {
                out = null;
            }
        }
    }

    /** Closes the files of every response still queued or waiting for its turn (the connection closes). */
    void releaseFiles() {
        if (out != null) {
            for (Object item : out) {
                if (item instanceof FileBody.Cursor cursor) {
                    cursor.body.close();
                }
            }
        }
        if (early != null) {
            early.values().forEach(waiting -> waiting.forEach(IoCommand.Send::discard));
            early = null;
        }
    }

    /** Marks {@code written} bytes of the output queue's leading arrays as sent. */
    void advance(long written) {
        long remaining = written;
        while (remaining > 0) {
            byte[] first = (byte[]) out.peekFirst();
            int left = first.length - outOffset;
            if (remaining >= left) {
                out.pollFirst();
                remaining -= left;
                outOffset = 0;
            } else {
                outOffset += (int) remaining;
                remaining = 0;
            }
        }
        if (out.isEmpty()) {
            out = null;
        }
    }

    /** Keeps {@code bytes[from, to)} as the unparsed rest, reusing the carry array when it is the source. */
    void keep(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length == 0) {
            carry = null;
            carryLength = 0;
            return;
        }
        if (bytes == carry) {
            System.arraycopy(carry, from, carry, 0, length);
        } else {
            carry = Arrays.copyOfRange(bytes, from, from + Math.max(length, Math.min(2 * length, length + 4096)));
        }
        carryLength = length;
    }

    /** Makes room for at least {@code free} more bytes after the carry. */
    void reserve(int free) {
        if (carry.length - carryLength < free) {
            carry = Arrays.copyOf(carry, carryLength + Math.max(free, carryLength));
        }
    }
}
