package io.pptpgw.dataplane;

import io.pptpgw.gre.AckScheduler;
import io.pptpgw.gre.GreSocket;
import io.pptpgw.gre.ReorderBuffer;
import io.pptpgw.gre.SendWindow;
import io.pptpgw.gre.SlotPool;
import io.pptpgw.tun.TunDevice;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data path of one gateway (or one client): a GRE socket, a TUN device, and two worker threads.
 *
 * <pre>
 * GRE worker ("pptpgw-gre"): GRE in  -> PPP -> MPPE decrypt -> TUN out      owns every tunnel's receive state
 * TUN worker ("pptpgw-tun"): TUN in  -> MPPE encrypt -> PPP -> GRE out      owns every tunnel's send state
 * event loops (sessions):    open/up/close tunnels, queue control frames for the TUN worker to send
 * </pre>
 *
 * Each tunnel direction therefore has exactly one writer; see {@link Tunnel} for what crosses threads.
 */
public final class DataPlane implements DataPathStats, AutoCloseable {
    static final int GRE_RECEIVED_PACKETS = 0;
    static final int GRE_RECEIVED_BYTES = 1;
    static final int GRE_SENT_PACKETS = 2;
    static final int GRE_SENT_BYTES = 3;
    static final int MPPE_RESYNCS = 4;
    static final int DROPS = 5;
    private static final int COUNTERS = DROPS + Drop.values().length;

    private final GreSocket gre;
    private final TunDevice tun;
    private final AddressRoutes routes;
    private final DataPlaneSettings settings;
    private final TunnelTable tunnels = new TunnelTable();
    private final Counters receiveCounters = new Counters(COUNTERS);
    private final Counters sendCounters = new Counters(COUNTERS);
    private final SlotPool reorderSlots;
    private final TunReader tunReader;
    private final GreReader greReader;
    private final Thread greThread;
    private final Thread tunThread;
    private final AtomicLong closedReordered = new AtomicLong();
    private final AtomicLong closedLate = new AtomicLong();
    private final AtomicLong closedLost = new AtomicLong();
    private final AtomicLong closedRekeys = new AtomicLong();

    /**
     * @param server whether this is a gateway (clients' source addresses are checked against what IPCP gave them) or
     *     a client
     */
    public DataPlane(GreSocket gre, TunDevice tun, AddressRoutes routes, boolean server, DataPlaneSettings settings) {
        this.gre = gre;
        this.tun = tun;
        this.routes = routes;
        this.settings = settings;
        this.reorderSlots = new SlotPool(Math.max(1, settings.reorderSlots()), settings.slotSize());
        this.tunReader = new TunReader(gre, tun, routes, settings, sendCounters);
        this.greReader = new GreReader(gre, tun, tunnels, tunReader, server, settings, receiveCounters);
        this.greThread = Thread.ofPlatform().name("pptpgw-gre").daemon().unstarted(greReader);
        this.tunThread = Thread.ofPlatform().name("pptpgw-tun").daemon().unstarted(tunReader);
    }

    public void start() {
        greThread.start();
        tunThread.start();
    }

    /** Registers a call's tunnel so its GRE is accepted from now on (before the Outgoing-Call-Reply goes out). */
    public Tunnel open(TunnelSpec spec, TunnelControl control) {
        Tunnel[] self = new Tunnel[1];
        ReorderBuffer reorder = new ReorderBuffer(
                settings.reorder(),
                System::nanoTime,
                reorderSlots,
                (sequence, packet, offset, length) ->
                        greReader.receiveInOrder(self[0], sequence, packet, offset, length));
        Duration processingDelay = Duration.ofMillis(Math.max(1, spec.peerProcessingDelayMillis()));
        Tunnel tunnel = new Tunnel(
                spec,
                control,
                reorder,
                new AckScheduler(settings.acknowledgeDelay(), System::nanoTime),
                new SendWindow(spec.peerReceiveWindow(), processingDelay, System::nanoTime));
        self[0] = tunnel;
        tunnels.add(tunnel);
        return tunnel;
    }

    /** The PPP link is up: IP may flow, and packets from the kernel for {@code link.tunnelAddress()} go here. */
    public void up(Tunnel tunnel, TunnelLink link) {
        tunnel.link = link;
        routes.add(link.tunnelAddress(), tunnel);
    }

    /** Any thread: queue a PPP frame (with its address, control and protocol fields) for the peer. */
    public void send(Tunnel tunnel, byte[] frame) {
        tunnel.controlOutbox.add(frame);
        tunReader.schedule(tunnel);
        tunReader.wakeUpIfScheduled();
    }

    /** The call is gone: GRE for it is dropped from now on, and its address no longer routes to it. */
    public void close(Tunnel tunnel) {
        if (tunnel.closed) {
            return;
        }
        tunnel.closed = true;
        tunnels.remove(tunnel);
        TunnelLink link = tunnel.link;
        if (link != null) {
            routes.remove(link.tunnelAddress(), tunnel);
        }
        closedReordered.addAndGet(tunnel.reorder.reordered());
        closedLate.addAndGet(tunnel.reorder.late());
        closedLost.addAndGet(tunnel.reorder.lost());
        closedRekeys.addAndGet(rekeys(tunnel));
    }

    public int tunnelCount() {
        return tunnels.count();
    }

    @Override
    public void close() {
        greReader.stop();
        tunReader.stop();
        join(greThread);
        join(tunThread);
        reorderSlots.close();
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long greReceivedPackets() {
        return receiveCounters.get(GRE_RECEIVED_PACKETS);
    }

    @Override
    public long greReceivedBytes() {
        return receiveCounters.get(GRE_RECEIVED_BYTES);
    }

    @Override
    public long greSentPackets() {
        return sendCounters.get(GRE_SENT_PACKETS);
    }

    @Override
    public long greSentBytes() {
        return sendCounters.get(GRE_SENT_BYTES);
    }

    @Override
    public long dropped(Drop reason) {
        return receiveCounters.get(DROPS + reason.ordinal()) + sendCounters.get(DROPS + reason.ordinal());
    }

    @Override
    public long reordered() {
        return closedReordered.get() + sumLive(t -> t.reorder.reordered());
    }

    @Override
    public long late() {
        return closedLate.get() + sumLive(t -> t.reorder.late());
    }

    @Override
    public long lost() {
        return closedLost.get() + sumLive(t -> t.reorder.lost());
    }

    @Override
    public long mppeRekeys() {
        return closedRekeys.get() + sumLive(DataPlane::rekeys);
    }

    @Override
    public long mppeResyncs() {
        return receiveCounters.get(MPPE_RESYNCS);
    }

    private long sumLive(java.util.function.ToLongFunction<Tunnel> value) {
        return tunnels.sum(value);
    }

    private static long rekeys(Tunnel tunnel) {
        TunnelLink link = tunnel.link;
        return link == null || !link.encrypted()
                ? 0
                : link.sendCipher().keyChanges() + link.receiveCipher().keyChanges();
    }
}
