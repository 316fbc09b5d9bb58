package io.pptpgw.tun;

import java.lang.foreign.MemorySegment;

/**
 * IP packets to and from the kernel, one per call, never blocking inside {@code read} or {@code write}. Buffers are
 * native segments (the slots of a worker's slab); errors are returned as negative errno values, never thrown.
 * One thread reads, any number may write (each write is one packet), and {@link #wakeup()} and {@link #close()} may
 * be called from any thread.
 */
public interface TunDevice extends AutoCloseable {
    /** What {@code read} and {@code write} return once the device is closed: {@code -EBADF}. */
    int CLOSED = -9;

    /** The interface name. */
    String name();

    /**
     * Reads one packet (an IPv4 or IPv6 datagram, no header in front) into {@code [offset, offset + capacity)}.
     *
     * @return its length, 0 when none is ready, or a negative errno
     */
    int read(MemorySegment buffer, long offset, int capacity);

    /**
     * Writes one packet to the kernel, which routes it as if it arrived on this interface.
     *
     * @return {@code length}, or a negative errno
     */
    int write(MemorySegment buffer, long offset, int length);

    /**
     * Waits until a packet can be read, {@code timeoutNanos} pass (negative: no limit), or {@link #wakeup()}.
     *
     * @return whether a packet is ready
     */
    boolean awaitReadable(long timeoutNanos);

    /** Makes a current or the next {@link #awaitReadable} return at once. Any thread. */
    void wakeup();

    /** Releases the device; call after the reading worker has stopped. */
    @Override
    void close();
}
