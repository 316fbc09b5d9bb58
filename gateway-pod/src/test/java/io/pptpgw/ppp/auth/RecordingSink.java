package io.pptpgw.ppp.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ControlPacketSink;
import java.util.ArrayList;
import java.util.List;

/** Collects what one side sends, checking it goes out under the expected PPP protocol. */
final class RecordingSink implements ControlPacketSink {
    private final int protocol;
    final List<ControlPacket> sent = new ArrayList<>();

    RecordingSink(AuthProtocol protocol) {
        this.protocol = protocol.pppProtocol();
    }

    @Override
    public void send(int protocol, ControlPacket packet) {
        assertThat(protocol).as("PPP protocol").isEqualTo(this.protocol);
        sent.add(packet);
    }

    ControlPacket last() {
        assertThat(sent).as("packets sent").isNotEmpty();
        return sent.getLast();
    }

    /** Takes everything sent so far, leaving the sink empty. */
    List<ControlPacket> drain() {
        List<ControlPacket> drained = List.copyOf(sent);
        sent.clear();
        return drained;
    }
}
