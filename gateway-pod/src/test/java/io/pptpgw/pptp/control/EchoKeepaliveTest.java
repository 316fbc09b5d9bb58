package io.pptpgw.pptp.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pptpgw.pptp.control.EchoKeepalive.Action.GiveUp;
import io.pptpgw.pptp.control.EchoKeepalive.Action.SendEchoRequest;
import org.junit.jupiter.api.Test;

class EchoKeepaliveTest {
    @Test
    void givesUpAfterMaxUnansweredSilentIntervals() {
        EchoKeepalive keepalive = new EchoKeepalive(3, 10);
        assertThat(keepalive.peerSilent()).isEqualTo(new SendEchoRequest(new EchoRequest(10)));
        assertThat(keepalive.peerSilent()).isEqualTo(new SendEchoRequest(new EchoRequest(11)));
        assertThat(keepalive.peerSilent()).isEqualTo(new SendEchoRequest(new EchoRequest(12)));
        assertThat(keepalive.peerSilent()).isEqualTo(new GiveUp(3));
    }

    @Test
    void anyMessageFromThePeerResetsTheCount() {
        EchoKeepalive keepalive = new EchoKeepalive(1, 0);
        keepalive.peerSilent();
        keepalive.peerHeard();
        assertThat(keepalive.unanswered()).isZero();
        assertThat(keepalive.peerSilent()).isInstanceOf(SendEchoRequest.class);
        assertThat(keepalive.peerSilent()).isEqualTo(new GiveUp(1));
    }

    @Test
    void identifierWrapsAt32Bits() {
        EchoKeepalive keepalive = new EchoKeepalive(5, 0xFFFF_FFFFL);
        keepalive.peerSilent();
        assertThat(keepalive.peerSilent()).isEqualTo(new SendEchoRequest(new EchoRequest(0)));
    }

    @Test
    void needsAtLeastOneEcho() {
        assertThatThrownBy(() -> new EchoKeepalive(0, 0)).hasMessage("maxUnanswered 0 must be at least 1");
    }
}
