package io.pptpgw.tun;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TUN device with no kernel behind it, for tests and the in-process client. The "kernel side" is two bounded
 * queues: {@link #inject} puts a packet where {@link #read} will find it, as if the kernel routed it to the device,
 * and {@link #takeWritten} or {@link #awaitWritten} take what the device's user wrote. Like a real queue, a full one
 * loses packets (counted). Heap copies per packet: this is a double, not a data path.
 */
public final class InMemoryTun implements TunDevice {
    private final String name;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition written = lock.newCondition();
    private final ArrayDeque<byte[]> toRead = new ArrayDeque<>();
    private final ArrayDeque<byte[]> fromWrites = new ArrayDeque<>();
    private long overflows;
    private boolean woken;
    private boolean closed;

    public InMemoryTun(String name, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity " + capacity + " of " + name + " must be positive");
        }
        this.name = name;
        this.capacity = capacity;
    }

    @Override
    public String name() {
        return name;
    }

    /** Kernel side: a packet routed to the device. {@code false} (and counted) when the read queue is full. */
    public boolean inject(byte[] packet) {
        lock.lock();
        try {
            if (closed || toRead.size() == capacity) {
                overflows++;
                return false;
            }
            toRead.add(packet.clone());
            readable.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Kernel side: the oldest packet the device's user wrote, or {@code null}. */
    public byte[] takeWritten() {
        lock.lock();
        try {
            return fromWrites.poll();
        } finally {
            lock.unlock();
        }
    }

    /** Kernel side: waits up to {@code timeout} for a written packet; {@code null} if none came. */
    public byte[] awaitWritten(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (fromWrites.isEmpty() && remaining > 0) {
                remaining = written.awaitNanos(remaining);
            }
            return fromWrites.poll();
        } finally {
            lock.unlock();
        }
    }

    /** Packets lost because a queue was full. */
    public long overflows() {
        lock.lock();
        try {
            return overflows;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read(MemorySegment buffer, long offset, int capacity) {
        lock.lock();
        try {
            if (closed) {
                return CLOSED;
            }
            byte[] packet = toRead.poll();
            if (packet == null) {
                return 0;
            }
            int length = Math.min(packet.length, capacity); // the kernel truncates to the buffer too
            MemorySegment.copy(packet, 0, buffer, ValueLayout.JAVA_BYTE, offset, length);
            return length;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int write(MemorySegment buffer, long offset, int length) {
        byte[] packet = buffer.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
        lock.lock();
        try {
            if (closed) {
                return CLOSED;
            }
            if (fromWrites.size() == capacity) {
                overflows++;
            } else {
                fromWrites.add(packet);
                written.signalAll();
            }
            return length;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitReadable(long timeoutNanos) {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (toRead.isEmpty() && !woken && !closed) {
                if (timeoutNanos < 0) {
                    readable.await();
                } else if (remaining <= 0) {
                    break;
                } else {
                    remaining = readable.awaitNanos(remaining);
                }
            }
            woken = false;
            return !toRead.isEmpty() && !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void wakeup() {
        lock.lock();
        try {
            woken = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "InMemoryTun[" + name + "]";
    }
}
