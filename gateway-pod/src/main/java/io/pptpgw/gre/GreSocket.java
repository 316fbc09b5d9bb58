package io.pptpgw.gre;

/**
 * Where GRE packets enter and leave the gateway: a batch at a time, never blocking inside {@code receive} or {@code
 * send}, with separate waits for each. Implementations: {@code io.pptpgw.sys.RawGreSocket} (the kernel, IP protocol
 * 47) and {@link io.pptpgw.gre.memory.InMemoryGreLink} (tests, the lab, the benchmark).
 *
 * <p>One thread receives and one thread sends; they may be different threads. {@link #wakeup()} and {@link #close()}
 * may be called from any thread. Errors are returned as negative errno values, never thrown.
 */
public interface GreSocket extends AutoCloseable {
    /** What {@code receive} and {@code send} return once the socket is closed: {@code -EBADF}. */
    int CLOSED = -9;

    /**
     * Fills {@code batch} from slot 0 with packets already queued and sets its count. For each packet the batch holds
     * the GRE packet's offset and length within its slot (what precedes it, such as the IP header, is not part of
     * it), the remote address (IP source), the local address (IP destination) and the mark the packet arrived with
     * where the socket can see one (0 otherwise).
     *
     * @return how many packets, 0 when none are ready, or a negative errno (the batch is then empty)
     */
    int receive(PacketBatch batch);

    /**
     * Hands packets {@code [from, batch.count())} to the network, each to its remote address, from its local address
     * (0: routing chooses) and with its mark (0: none). A packet the network refuses (no route, a firewall) is done
     * too, with its errno in {@link PacketBatch#status}.
     *
     * @return the index of the first packet not done: {@code batch.count()} when all are, less when the socket's
     *     queue is full (wait with {@link #awaitSend} and call again from there); or a negative errno when the socket
     *     itself failed
     */
    int send(PacketBatch batch, int from);

    /**
     * Waits until a packet can be received, {@code timeoutNanos} pass (negative: no limit), or {@link #wakeup()}.
     *
     * @return whether a packet is ready; {@code false} when a time-out, a wakeup or close ends the wait first
     */
    boolean awaitReceive(long timeoutNanos);

    /** Waits until the send queue has room, like {@link #awaitReceive}. */
    boolean awaitSend(long timeoutNanos);

    /** Makes a current or the next {@code await*} call return {@code false} at once. Any thread. */
    void wakeup();

    /** Releases the socket; waiting threads return. Call after the workers using it have stopped. */
    @Override
    void close();
}
