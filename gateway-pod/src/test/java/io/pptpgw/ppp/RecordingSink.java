package io.pptpgw.ppp;

import java.util.ArrayList;
import java.util.List;

/** A {@link ControlPacketSink} that keeps what was sent. */
public final class RecordingSink implements ControlPacketSink {
    public record Sent(int protocol, ControlPacket packet) {}

    public final List<Sent> sent = new ArrayList<>();

    @Override
    public void send(int protocol, ControlPacket packet) {
        sent.add(new Sent(protocol, packet));
    }

    public List<ControlPacket> packets(int protocol) {
        return sent.stream()
                .filter(s -> s.protocol() == protocol)
                .map(Sent::packet)
                .toList();
    }

    public ControlPacket last() {
        return sent.getLast().packet();
    }

    public void clear() {
        sent.clear();
    }
}
