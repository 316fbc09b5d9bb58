package io.pptpgw.ppp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Two links joined back to back: each control packet is framed as on the wire, queued, and parsed again on delivery,
 * so neither link is ever called from inside the other.
 */
public final class InMemoryWire {
    /** One packet that crossed the wire, from {@code from}. */
    public record Crossing(String from, int protocol, ControlPacket packet) {}

    private final ArrayDeque<Runnable> inFlight = new ArrayDeque<>();
    private final PppFrameView view = new PppFrameView();
    public final List<Crossing> crossings = new ArrayList<>();
    private PppLink server;
    private PppLink client;
    /** Packets for which this holds are lost on the way. */
    public Predicate<Crossing> lose = crossing -> false;

    public ControlPacketSink fromServer() {
        return (protocol, packet) -> carry("server", protocol, packet);
    }

    public ControlPacketSink fromClient() {
        return (protocol, packet) -> carry("client", protocol, packet);
    }

    public void connect(PppLink server, PppLink client) {
        this.server = server;
        this.client = client;
    }

    /** Delivers until nothing is in flight. */
    public void pump() {
        for (int delivered = 0; !inFlight.isEmpty(); delivered++) {
            if (delivered > 10_000) {
                throw new AssertionError("the links never went quiet");
            }
            inFlight.poll().run();
        }
    }

    public List<Crossing> from(String side, int protocol) {
        return crossings.stream()
                .filter(c -> c.from().equals(side) && c.protocol() == protocol)
                .toList();
    }

    private void carry(String from, int protocol, ControlPacket packet) {
        Crossing crossing = new Crossing(from, protocol, packet);
        crossings.add(crossing);
        if (lose.test(crossing)) {
            return;
        }
        byte[] frame = PppFrame.encodeControl(protocol, packet);
        PppLink to = from.equals("server") ? client : server;
        inFlight.add(() -> {
            if (!view.parse(frame, 0, frame.length)) {
                throw new AssertionError("unparseable frame: " + view.dropReason());
            }
            to.receive(view.protocol(), Arrays.copyOfRange(frame, (int) view.informationOffset(), frame.length));
        });
    }
}
