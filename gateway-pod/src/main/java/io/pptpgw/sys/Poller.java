package io.pptpgw.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * Waits for one file descriptor to become readable or writable, with a time-out, and can be woken from another
 * thread: poll(2) over the descriptor and an eventfd(2). The pollfd array and the eventfd counter are allocated once.
 * One thread waits; any thread may {@link #wakeup()}.
 */
public final class Poller implements AutoCloseable {
    /*
     * struct pollfd {
     *     int   fd;
     *     short events;
     *     short revents;
     * };
     */
    static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));
    private static final long EVENTS = POLLFD.byteOffset(MemoryLayout.PathElement.groupElement("events"));
    private static final long REVENTS = POLLFD.byteOffset(MemoryLayout.PathElement.groupElement("revents"));

    private final Arena arena = Arena.ofShared();
    private final MemorySegment pollfds = arena.allocate(POLLFD, 2);
    private final MemorySegment drained = arena.allocate(JAVA_LONG);
    private final MemorySegment one = arena.allocate(JAVA_LONG);
    private final int eventFd;

    public Poller(int fd) throws NativeException {
        this.eventFd = Libc.check("eventfd", Libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC));
        pollfds.set(JAVA_INT, 0, fd);
        pollfds.set(JAVA_INT, POLLFD.byteSize(), eventFd);
        pollfds.set(JAVA_SHORT, POLLFD.byteSize() + EVENTS, Libc.POLLIN);
        one.set(JAVA_LONG, 0, 1L);
    }

    public boolean awaitReadable(long timeoutNanos) {
        return await(Libc.POLLIN, timeoutNanos);
    }

    public boolean awaitWritable(long timeoutNanos) {
        return await(Libc.POLLOUT, timeoutNanos);
    }

    /**
     * Waits until the descriptor reports {@code events} (or an error or hang-up, which the next call will see), the
     * time-out passes (negative: none; rounded up to whole milliseconds), or a wakeup.
     *
     * @return whether the descriptor is ready
     */
    private boolean await(short events, long timeoutNanos) {
        pollfds.set(JAVA_SHORT, EVENTS, events);
        pollfds.set(JAVA_SHORT, REVENTS, (short) 0);
        pollfds.set(JAVA_SHORT, POLLFD.byteSize() + REVENTS, (short) 0);
        int timeoutMillis =
                timeoutNanos < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, (timeoutNanos + 999_999) / 1_000_000);
        if (Libc.poll(pollfds, 2, timeoutMillis) <= 0) {
            return false; // time-out, or EINTR: the caller loops
        }
        if (pollfds.get(JAVA_SHORT, POLLFD.byteSize() + REVENTS) != 0) {
            Libc.read(eventFd, drained.address(), 8);
        }
        return pollfds.get(JAVA_SHORT, REVENTS) != 0;
    }

    /** Makes the current or next wait return at once. */
    public void wakeup() {
        Libc.write(eventFd, one.address(), 8);
    }

    @Override
    public void close() {
        Libc.close(eventFd);
        arena.close();
    }
}
