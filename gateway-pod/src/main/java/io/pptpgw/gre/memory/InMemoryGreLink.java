package io.pptpgw.gre.memory;

import io.pptpgw.gre.GreSocket;
import io.pptpgw.gre.GreSpec;
import io.pptpgw.gre.PacketBatch;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Two {@link GreSocket}s joined by an in-memory network, for tests, the lab and the benchmark. Each direction is a
 * bounded queue of preallocated slots, so a full queue pushes back on the sender ({@code send} returns early) instead
 * of losing packets. Packets addressed to anything but the other end are lost, as on a real network. An optional
 * {@link Impairment} loses or reorders packets, decided by a seeded random generator so a failing run repeats.
 *
 * <p>A receiver sees the sender's local address (or the sender's own address when it left it 0) as the remote
 * address, and the sender's mark, as {@code RawGreSocket} reports marks when asked to. Packets carry no IP header:
 * their offset in a received slot is 0.
 */
public final class InMemoryGreLink implements AutoCloseable {
    /**
     * Loses one packet in {@code dropOneIn} on average and holds back one in {@code reorderOneIn} until after the next
     * (0 turns either off), per direction, from a generator seeded with {@code seed}.
     */
    public record Impairment(int dropOneIn, int reorderOneIn, long seed) {
        public static final Impairment NONE = new Impairment(0, 0, 0);

        public Impairment {
            if (dropOneIn < 0 || reorderOneIn < 0) {
                throw new IllegalArgumentException(
                        "impairment rates 1 in " + dropOneIn + " and 1 in " + reorderOneIn + " must not be negative");
            }
        }
    }

    public static final int DEFAULT_QUEUE_CAPACITY = 1024;
    public static final int DEFAULT_SLOT_SIZE = 2048;

    private final Arena arena = Arena.ofShared();
    private final Endpoint a;
    private final Endpoint b;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reordered = new AtomicLong();
    private final AtomicLong misaddressed = new AtomicLong();

    public InMemoryGreLink(int addressA, int addressB, Impairment impairment) {
        this(addressA, addressB, impairment, DEFAULT_QUEUE_CAPACITY, DEFAULT_SLOT_SIZE);
    }

    public InMemoryGreLink(int addressA, int addressB, Impairment impairment, int queueCapacity, int slotSize) {
        if (queueCapacity < 1 || slotSize < GreSpec.MAXIMUM_HEADER_LENGTH) {
            throw new IllegalArgumentException("queue capacity " + queueCapacity + " and slot size " + slotSize
                    + " must be at least 1 and " + GreSpec.MAXIMUM_HEADER_LENGTH);
        }
        a = new Endpoint(addressA, new SplittableRandom(impairment.seed()), impairment, queueCapacity, slotSize);
        b = new Endpoint(addressB, new SplittableRandom(~impairment.seed()), impairment, queueCapacity, slotSize);
        a.peer = b;
        b.peer = a;
    }

    public GreSocket a() {
        return a;
    }

    public GreSocket b() {
        return b;
    }

    /** Packets lost by the impairment, both directions. */
    public long dropped() {
        return dropped.get();
    }

    /** Packets held back and delivered after a later one, both directions. */
    public long reordered() {
        return reordered.get();
    }

    /** Packets addressed to neither end, or too large for a slot, and so lost. */
    public long misaddressed() {
        return misaddressed.get();
    }

    @Override
    public void close() {
        a.close();
        b.close();
        arena.close();
    }

    private final class Endpoint implements GreSocket {
        private final int address;
        private final SplittableRandom random;
        private final Impairment impairment;
        private final int capacity;
        private final int slotSize;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notEmpty = lock.newCondition();
        private final Condition notFull = lock.newCondition();
        // The inbound queue: a ring of `capacity` slots, then one slot for the packet this end holds back.
        private final MemorySegment slab;
        private final int[] length;
        private final int[] source;
        private final int[] destination;
        private final int[] mark;
        private int head;
        private int size;
        private int heldLength;
        private int heldSource;
        private int heldDestination;
        private int heldMark;
        private boolean holding;
        private Endpoint peer;
        private volatile boolean receiveWoken;
        private volatile boolean sendWoken;
        private volatile boolean closed;

        Endpoint(int address, SplittableRandom random, Impairment impairment, int capacity, int slotSize) {
            this.address = address;
            this.random = random;
            this.impairment = impairment;
            this.capacity = capacity;
            this.slotSize = slotSize;
            this.slab = arena.allocate((long) (capacity + 1) * slotSize, 64);
            this.length = new int[capacity];
            this.source = new int[capacity];
            this.destination = new int[capacity];
            this.mark = new int[capacity];
        }

        @Override
        public int receive(PacketBatch batch) {
            batch.clear();
            if (closed) {
                return CLOSED;
            }
            lock.lock();
            try {
                int n = Math.min(size, batch.capacity());
                for (int i = 0; i < n; i++) {
                    int at = (head + i) % capacity;
                    int copied = Math.min(length[at], batch.slotSize());
                    MemorySegment.copy(slab, (long) at * slotSize, batch.segment(), batch.slotOffset(i), copied);
                    batch.set(i, 0, copied, source[at], destination[at], mark[at]);
                }
                head = (head + n) % capacity;
                size -= n;
                batch.count(n);
                notFull.signalAll();
                return n;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int send(PacketBatch batch, int from) {
            if (closed) {
                return CLOSED;
            }
            Endpoint to = peer;
            to.lock.lock();
            try {
                int i = from;
                for (; i < batch.count() && to.size < to.capacity; i++) {
                    batch.status(i, 0);
                    offer(to, batch, i);
                }
                to.notEmpty.signalAll();
                return i;
            } finally {
                to.lock.unlock();
            }
        }

        private void offer(Endpoint to, PacketBatch batch, int i) {
            if (batch.remoteAddress(i) != to.address || batch.length(i) > to.slotSize) {
                misaddressed.incrementAndGet();
                return;
            }
            if (impairment.dropOneIn() > 0 && random.nextInt(impairment.dropOneIn()) == 0) {
                dropped.incrementAndGet();
                return;
            }
            int from = batch.localAddress(i) != 0 ? batch.localAddress(i) : address;
            MemorySegment bytes = batch.segment();
            long offset = batch.packetOffset(i);
            if (!holding && impairment.reorderOneIn() > 0 && random.nextInt(impairment.reorderOneIn()) == 0) {
                MemorySegment.copy(bytes, offset, slab, (long) capacity * slotSize, batch.length(i));
                heldLength = batch.length(i);
                heldSource = from;
                heldDestination = to.address;
                heldMark = batch.mark(i);
                holding = true;
                return;
            }
            to.enqueue(bytes, offset, batch.length(i), from, batch.mark(i));
            if (holding && to.size < to.capacity) {
                to.enqueue(slab, (long) capacity * slotSize, heldLength, heldSource, heldMark);
                holding = false;
                reordered.incrementAndGet();
            }
        }

        /** Called with this end's lock held, when there is room. */
        private void enqueue(MemorySegment bytes, long offset, int packetLength, int from, int packetMark) {
            int at = (head + size) % capacity;
            MemorySegment.copy(bytes, offset, slab, (long) at * slotSize, packetLength);
            length[at] = packetLength;
            source[at] = from;
            destination[at] = address;
            mark[at] = packetMark;
            size++;
        }

        @Override
        public boolean awaitReceive(long timeoutNanos) {
            lock.lock();
            try {
                awaitUntil(notEmpty, () -> size > 0 || receiveWoken || closed, timeoutNanos);
                receiveWoken = false;
                return size > 0 && !closed;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean awaitSend(long timeoutNanos) {
            Endpoint to = peer;
            to.lock.lock();
            try {
                awaitUntil(to.notFull, () -> to.size < to.capacity || sendWoken || closed, timeoutNanos);
                sendWoken = false;
                return to.size < to.capacity && !closed;
            } finally {
                to.lock.unlock();
            }
        }

        private void awaitUntil(Condition condition, BooleanSupplier done, long timeoutNanos) {
            long remaining = timeoutNanos;
            try {
                while (!done.getAsBoolean()) {
                    if (timeoutNanos < 0) {
                        condition.await();
                    } else if (remaining <= 0) {
                        return;
                    } else {
                        remaining = condition.awaitNanos(remaining);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void wakeup() {
            receiveWoken = true;
            sendWoken = true;
            signal(this, notEmpty);
            signal(peer, peer.notFull);
        }

        private void signal(Endpoint owner, Condition condition) {
            owner.lock.lock();
            try {
                condition.signalAll();
            } finally {
                owner.lock.unlock();
            }
        }

        @Override
        public void close() {
            closed = true;
            wakeup();
        }

        @Override
        public String toString() {
            return "InMemoryGreLink.Endpoint[" + (address >>> 24) + "." + (address >>> 16 & 0xFF) + "."
                    + (address >>> 8 & 0xFF) + "." + (address & 0xFF) + "]";
        }
    }
}
