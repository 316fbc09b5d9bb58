package io.pptpgw.client.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.pptp.control.OutgoingCallRequest;
import io.pptpgw.pptp.control.StartControlConnectionRequest;
import io.pptpgw.testing.Vectors;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Our client against pptpd 1.4.0's own bytes ({@code vectors/pptp/real-peers-control.hex}), replayed by a fake server
 * over loopback TCP: a Start-Control-Connection-Reply with zero framing and bearer capabilities establishes the control
 * connection, and an Outgoing-Call-Reply with call ID 0 connects the call.
 */
class PptpdRepliesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Vectors PPTPD = Vectors.load("/vectors/pptp/real-peers-control.hex");

    @Test
    void ourClientTakesPptpdsRepliesAsTheyAre() throws Exception {
        try (PptpControlClient client = new PptpControlClient(ClientSettings.defaults(), 1);
                ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var connecting = client.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()));
            try (RawPeer pptpd = RawPeer.accept(listener, WAIT)) {
                assertThat(pptpd.receive()).get().isInstanceOf(StartControlConnectionRequest.class);
                pptpd.sendBytes(PPTPD.bytes("pptpd-start-control-connection-reply"));
                ClientControlConnection connection = connecting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(connection.startReply().framingCapability()).isZero();
                assertThat(connection.startReply().bearerCapability()).isZero();

                var placing = connection.placeCall();
                OutgoingCallRequest request =
                        (OutgoingCallRequest) pptpd.receive().orElseThrow();
                byte[] reply = PPTPD.bytes("pptpd-outgoing-call-reply");
                reply[14] = (byte) (request.callId() >> 8); // Peer's Call ID: ours, as pptpd echoed it
                reply[15] = (byte) request.callId();
                pptpd.sendBytes(reply);
                ClientCall call = placing.get(WAIT.toSeconds(), TimeUnit.SECONDS);

                assertThat(call.isConnected()).isTrue();
                assertThat(call.peerCallId()).isZero();
                assertThat(call.callId()).isEqualTo(request.callId());
            }
        }
    }
}
