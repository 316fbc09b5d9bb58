package io.pptpgw.ppp.lcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records LCP's events as short strings. */
final class RecordingLcpEvents implements LcpEvents {
    final List<String> events = new ArrayList<>();

    @Override
    public void thisLayerUp() {
        events.add("tlu");
    }

    @Override
    public void thisLayerDown() {
        events.add("tld");
    }

    @Override
    public void thisLayerStarted() {
        events.add("tls");
    }

    @Override
    public void thisLayerFinished() {
        events.add("tlf");
    }

    @Override
    public void protocolRejected(int protocol) {
        events.add(String.format("protocolRejected 0x%04x", protocol));
    }

    @Override
    public void echoRoundTrip(Duration roundTrip) {
        events.add("rtt " + roundTrip.toMillis() + "ms");
    }

    @Override
    public void peerNotResponding(int unanswered) {
        events.add("peerNotResponding " + unanswered);
    }

    @Override
    public void loopedBack() {
        events.add("loopedBack");
    }
}
