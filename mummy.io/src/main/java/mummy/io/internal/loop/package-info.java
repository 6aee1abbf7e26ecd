/**
 * The IO loop: one platform thread that owns every socket, and the classes workers use to hand
 * it their answers.
 *
 * <h2>Who runs what</h2>
 *
 * <p>IO thread only (never shared; an {@code assert} at {@link mummy.io.internal.loop.ConnectionIo}'s
 * guard checks it when tests run with {@code -ea}): {@link mummy.io.internal.loop.IoLoop}'s turn,
 * {@link mummy.io.internal.loop.ConnectionIo} (read, write, timer, close, the guard),
 * {@link mummy.io.internal.loop.Connection} and its {@link mummy.io.internal.loop.OutputQueue},
 * the modes {@link mummy.io.internal.loop.Http1Mode} (with {@link mummy.io.internal.loop.ResponseOrder}
 * and {@link mummy.io.internal.loop.BodyIntake}) and {@link mummy.io.internal.loop.WebSocketMode},
 * {@link mummy.io.internal.loop.Budget}, {@link mummy.io.internal.loop.Deadlines},
 * {@link mummy.io.internal.loop.ConnectionTable}.
 *
 * <p>Any thread (the {@code Loop*} prefix, and the exchange): {@link mummy.io.internal.loop.HttpExchange}
 * (the {@code Request} a handler sees), {@link mummy.io.internal.loop.LoopWebSocket},
 * {@link mummy.io.internal.loop.LoopResponseStream}, {@link mummy.io.internal.loop.LoopEventStream},
 * {@link mummy.io.internal.loop.LoopRequestBody}, {@link mummy.io.internal.loop.WsMailbox},
 * {@link mummy.io.internal.loop.FileResponder}, {@link mummy.io.internal.loop.FileBody}. They never
 * touch a connection: all they have of the loop is a {@link mummy.io.internal.loop.WorkerPort}
 * (the queue, the settings, the scheduler, whether it is draining or stopped), and they offer
 * immutable {@link mummy.io.internal.loop.IoCommand}s naming a connection by fd and generation
 * (a response by its {@link mummy.io.internal.loop.ResponseSlot}).
 *
 * <h2>The request path</h2>
 *
 * <pre>
 *  epoll: readable --&gt; ConnectionIo.onReadable --&gt; Http1Mode.process --&gt; parser --&gt; HttpExchange
 *                                                                   --&gt; scheduler (worker runs the handler)
 *  worker: respond() encodes the answer --&gt; IoCommand.Send --&gt; WakeupQueue (+ eventfd)
 *  IO thread: drain --&gt; ConnectionIo.onSend --&gt; Http1Mode --&gt; ResponseOrder (request order)
 *             --&gt; OutputQueue --&gt; flush at the end of the turn (one send per connection)
 * </pre>
 *
 * <h2>The wakeup protocol</h2>
 *
 * <p>{@link mummy.io.internal.loop.WakeupQueue} is an MPSC queue: a producer offers, then writes
 * the eventfd only if it wins the CAS of the "wakeup pending" flag; the IO thread sets the flag
 * when {@code epoll_wait} returns (awake: producers skip the system call) and clears it before
 * draining, so nothing offered after a drain goes unseen. The drain is bounded per turn; offers
 * from the IO thread never wake it. Messages for a connection that closed since are dropped by
 * generation ({@link mummy.io.internal.loop.ConnectionTable#get}), and whatever they carry is
 * released ({@link mummy.io.internal.loop.IoCommand.Send#discard}: a file closed, a stream ended, an
 * upgrade's WebSocket closing). The eventfd is written through a
 * {@link mummy.io.internal.loop.ReleasableWaker}, which {@code IoLoop.release} switches off and
 * waits out before it closes the eventfd, so a late wakeup never writes into a reused descriptor.
 *
 * <h2>Buffers and their owners</h2>
 *
 * <p>One shared 64 KiB read buffer and one gather buffer, the IO thread's. Per connection, all
 * counted by {@link mummy.io.internal.loop.Connection#heldBytes()} against
 * {@link mummy.io.internal.loop.BufferLimits}: the carry (unparsed rest), the output queue, the
 * answers waiting for their turn and the buffered bodies in flight, the body being parsed (admitted
 * when its head is parsed), a WebSocket's mailbox. Past the per-connection limit the connection
 * stops reading; past the total, connections that would add to it wait and bodies that do not fit
 * get 503. A streamed request body waits in its {@link mummy.io.internal.loop.LoopRequestBody}
 * (the IO thread stops reading past its high-water mark); a response stream's or WebSocket's
 * sender is cut off past four high-water marks of unwritten bytes.
 *
 * <h2>Connection states</h2>
 *
 * <p>{@link mummy.io.internal.loop.Connection.State}: OPEN, DRAINING (nothing more is parsed; closes
 * once quiet), LINGERING (after a refusal), CLOSED. The protocol's own states live in the mode:
 * {@link mummy.io.internal.loop.BodyIntake.State} for a streamed body,
 * {@link mummy.io.internal.loop.WebSocketMode.Handshake} for the WebSocket closing handshake.
 *
 * <h2>Memory ordering</h2>
 *
 * <p>Everything a worker hands over travels inside a message through the queue, whose offer and
 * poll order the writes before the offer before the reads after the poll. The few fields read
 * across threads outside messages are volatile or atomic and say why at their declaration
 * ({@code NOTE:} comments for the benign races).
 */
package mummy.io.internal.loop;
