package io.pptpgw.lab.impairment;

import io.pptpgw.sys.Errno;
import io.pptpgw.sys.NativeException;
import io.pptpgw.sys.PacketCapture;
import io.pptpgw.sys.RawIpSocket;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A router's GRE, reordered: captures every GRE packet arriving on the router's interfaces and sends it on itself,
 * holding back one packet in {@code reorderOneIn} of each flow (source and destination address) until the flow's next
 * packet has gone, so the two arrive swapped. A held packet with no successor within {@code hold} goes alone. The
 * router's firewall must drop the forwarded originals ({@link GreImpairment} sets that up); the re-sent copies leave
 * through its output hook, where loss can be added. TTL is decremented as a router would.
 *
 * <p>Run it in the router's namespace: {@code java ... GreReorderRelay --reorder-one-in 50 [--hold-millis 10]
 * [--interface eth0 ...]} (every interface but loopback by default). It prints {@value #READY} once capturing, and its
 * counters when it ends (SIGTERM).
 */
public final class GreReorderRelay implements Runnable {
    /** Printed once the relay captures; wait for it before sending traffic. */
    public static final String READY = "relaying GRE";

    private static final int GRE = 47;
    private static final int SLOT = 65536;
    private static final int FLOWS = 16;
    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final ValueLayout.OfShort SHORT_BE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final PacketCapture capture;
    private final RawIpSocket sender;
    private final Set<Integer> interfaces;
    private final int reorderOneIn;
    private final long holdNanos;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment packet = arena.allocate(SLOT);
    private final List<Flow> flows = new ArrayList<>();
    private volatile boolean running = true;
    private long relayed;
    private long reordered;
    private long releasedAlone;
    private long sendFailures;

    /** One direction of traffic and the packet it holds back, if any. */
    private final class Flow {
        final int source;
        final int destination;
        final MemorySegment held = arena.allocate(SLOT);
        int heldLength;
        long heldSince;
        long packets;

        Flow(int source, int destination) {
            this.source = source;
            this.destination = destination;
        }
    }

    /**
     * @param interfaces indexes of the interfaces whose arriving GRE is relayed
     * @param reorderOneIn each flow's every {@code reorderOneIn}-th packet is swapped with the next (at least 2)
     * @param hold how long a held packet waits for its successor
     */
    public GreReorderRelay(
            PacketCapture capture, RawIpSocket sender, Set<Integer> interfaces, int reorderOneIn, Duration hold) {
        if (reorderOneIn < 2) {
            throw new IllegalArgumentException("reorder one packet in " + reorderOneIn
                    + ": must be at least 2 (one in 1 would hold every packet)");
        }
        this.capture = capture;
        this.sender = sender;
        this.interfaces = Set.copyOf(interfaces);
        this.reorderOneIn = reorderOneIn;
        this.holdNanos = hold.toNanos();
    }

    @Override
    public void run() {
        while (running) {
            int length = capture.read(packet, 0, SLOT);
            if (length > 0) {
                if (interfaces.contains(capture.lastInterfaceIndex())) {
                    relay(length);
                }
            } else if (length == 0) {
                capture.awaitReadable(Math.min(IDLE_WAIT_NANOS, nextRelease()));
            } else if (length != -Errno.EINTR) {
                System.err.println("capture failed: " + Errno.name(-length));
            }
            releaseExpired();
        }
        for (Flow flow : flows) {
            release(flow);
        }
    }

    public void stop() {
        running = false;
        capture.wakeup();
    }

    /** What the relay did, for its last line of output. */
    public String summary() {
        return "relayed " + relayed + " GRE packets, reordered " + reordered + ", released " + releasedAlone
                + " alone after waiting, " + sendFailures + " refused by the network";
    }

    private void relay(int captured) {
        if (captured < 20 || (packet.get(ValueLayout.JAVA_BYTE, 0) & 0xF0) != 0x40) {
            return;
        }
        int length = Math.min(captured, packet.get(SHORT_BE, 2) & 0xFFFF); // without Ethernet padding
        int ttl = packet.get(ValueLayout.JAVA_BYTE, 8) & 0xFF;
        if ((packet.get(ValueLayout.JAVA_BYTE, 9) & 0xFF) != GRE || ttl <= 1 || length < 20) {
            return;
        }
        packet.set(ValueLayout.JAVA_BYTE, 8, (byte) (ttl - 1)); // the kernel recomputes the checksum
        Flow flow = flow(packet.get(INT_BE, 12), packet.get(INT_BE, 16));
        flow.packets++;
        if (flow.heldLength > 0) {
            send(packet, length);
            send(flow.held, flow.heldLength);
            flow.heldLength = 0;
            reordered++;
        } else if (flow.packets % reorderOneIn == 0) {
            MemorySegment.copy(packet, 0, flow.held, 0, length);
            flow.heldLength = length;
            flow.heldSince = System.nanoTime();
        } else {
            send(packet, length);
        }
    }

    private Flow flow(int source, int destination) {
        for (Flow flow : flows) {
            if (flow.source == source && flow.destination == destination) {
                return flow;
            }
        }
        if (flows.size() == FLOWS) {
            release(flows.removeFirst());
        }
        Flow flow = new Flow(source, destination);
        flows.add(flow);
        return flow;
    }

    private long nextRelease() {
        long next = Long.MAX_VALUE;
        for (Flow flow : flows) {
            if (flow.heldLength > 0) {
                next = Math.min(next, Math.max(0, flow.heldSince + holdNanos - System.nanoTime()));
            }
        }
        return next;
    }

    private void releaseExpired() {
        long now = System.nanoTime();
        for (Flow flow : flows) {
            if (flow.heldLength > 0 && now - flow.heldSince >= holdNanos) {
                release(flow);
                releasedAlone++;
            }
        }
    }

    private void release(Flow flow) {
        if (flow.heldLength > 0) {
            send(flow.held, flow.heldLength);
            flow.heldLength = 0;
        }
    }

    private void send(MemorySegment bytes, int length) {
        if (sender.send(bytes, 0, length) < 0) {
            sendFailures++; // the output hook dropped it (the loss we add), or no route: as a router would
        } else {
            relayed++;
        }
    }

    public static void main(String[] args) throws NativeException, InterruptedException {
        Arguments arguments = Arguments.parse(args);
        try (PacketCapture capture = PacketCapture.open(16 << 20);
                RawIpSocket sender = RawIpSocket.open()) {
            GreReorderRelay relay = new GreReorderRelay(
                    capture, sender, arguments.interfaceIndexes(), arguments.reorderOneIn(), arguments.hold());
            CountDownLatch finished = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                relay.stop();
                awaitQuietly(finished);
                System.out.println(relay.summary());
                System.out.flush();
            }));
            System.out.println(READY + ", holding back one packet in " + arguments.reorderOneIn() + " of each flow");
            System.out.flush();
            try {
                relay.run();
            } finally {
                finished.countDown();
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command line: {@code --reorder-one-in N [--hold-millis M] [--interface NAME ...]}. */
    record Arguments(int reorderOneIn, Duration hold, List<String> interfaceNames) {
        static Arguments parse(String[] args) {
            int reorderOneIn = 0;
            Duration hold = Duration.ofMillis(10);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--reorder-one-in" -> reorderOneIn = Integer.parseInt(required(args[i], value));
                    case "--hold-millis" -> hold = Duration.ofMillis(Long.parseLong(required(args[i], value)));
                    case "--interface" -> names.add(required(args[i], value));
                    default ->
                        throw new IllegalArgumentException("unknown argument " + args[i]
                                + "; usage: --reorder-one-in N [--hold-millis M] [--interface NAME ...]");
                }
                i++;
            }
            return new Arguments(reorderOneIn, hold, names);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        /** The named interfaces, or every interface but loopback. */
        Set<Integer> interfaceIndexes() throws NativeException {
            Set<Integer> indexes = new HashSet<>();
            for (String name : interfaceNames.isEmpty() ? allButLoopback() : interfaceNames) {
                indexes.add(PacketCapture.interfaceIndex(name));
            }
            return indexes;
        }

        private static List<String> allButLoopback() {
            try {
                return java.net.NetworkInterface.networkInterfaces()
                        .filter(n -> !n.getName().equals("lo"))
                        .map(java.net.NetworkInterface::getName)
                        .toList();
            } catch (java.net.SocketException e) {
                throw new IllegalStateException("cannot list the network interfaces: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "GreReorderRelay[one in " + reorderOneIn + ", " + flows.size() + " flows]";
    }
}
