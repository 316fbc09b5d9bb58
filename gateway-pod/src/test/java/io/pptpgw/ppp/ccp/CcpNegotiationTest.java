package io.pptpgw.ppp.ccp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ManualScheduler;
import io.pptpgw.ppp.fsm.LayerEvents;
import io.pptpgw.ppp.fsm.State;
import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * Two CCPs, a client's and a gateway's, negotiating MPPE with each other packet by packet: what each pair of policies
 * agrees on, both directions alike. The gateway only allows stateful and 40-bit; a client that wants them prefers
 * them.
 */
class CcpNegotiationTest {
    private static final MppeMode STATELESS_128 = new MppeMode(MppeMode.KeyLength.BITS_128, true);
    private static final MppeMode STATEFUL_128 = new MppeMode(MppeMode.KeyLength.BITS_128, false);
    private static final MppeMode STATELESS_40 = new MppeMode(MppeMode.KeyLength.BITS_40, true);
    private static final MppeMode STATEFUL_40 = new MppeMode(MppeMode.KeyLength.BITS_40, false);
    private static final MppePolicy GATEWAY_ALLOWING_ALL = new MppePolicy(MppePolicy.Encryption.REQUIRED, true, true);
    private static final MppePolicy GATEWAY_STRICT = MppePolicy.defaults();

    @Test
    void withEverythingAllowedAClientAskingForNothingSpecialGetsStateless128() {
        assertThat(agree(GATEWAY_ALLOWING_ALL, new MppePolicy(MppePolicy.Encryption.REQUIRED, true, true)))
                .isEqualTo(STATELESS_128);
    }

    @Test
    void aClientPreferringStatefulGetsItWhereTheGatewayAllowsIt() {
        assertThat(agree(GATEWAY_ALLOWING_ALL, MppePolicy.defaults().preferring(STATEFUL_128)))
                .isEqualTo(STATEFUL_128);
    }

    @Test
    void aClientPreferringStatefulSettlesForStatelessWhereTheGatewayRefusesIt() {
        assertThat(agree(GATEWAY_STRICT, MppePolicy.defaults().preferring(STATEFUL_128)))
                .isEqualTo(STATELESS_128);
    }

    @Test
    void aClientPreferring40BitGetsItWhereAllowedAnd128BitWhereNot() {
        assertThat(agree(GATEWAY_ALLOWING_ALL, MppePolicy.defaults().preferring(STATELESS_40)))
                .isEqualTo(STATELESS_40);
        assertThat(agree(GATEWAY_STRICT, MppePolicy.defaults().preferring(STATELESS_40)))
                .isEqualTo(STATELESS_128);
        assertThat(agree(GATEWAY_ALLOWING_ALL, MppePolicy.defaults().preferring(STATEFUL_40)))
                .isEqualTo(STATEFUL_40);
    }

    @Test
    void aPreferenceThePolicyDoesNotAllowIsAConfigurationError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new MppePolicy(MppePolicy.Encryption.REQUIRED, false, false, STATEFUL_128))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowStateful");
    }

    /** Runs both CCPs until neither has anything left to say; both must be Opened and agree. */
    private static MppeMode agree(MppePolicy gatewayPolicy, MppePolicy clientPolicy) {
        Queue<ControlPacket> toClient = new ArrayDeque<>();
        Queue<ControlPacket> toGateway = new ArrayDeque<>();
        ManualScheduler clock = new ManualScheduler();
        Ccp gateway = new Ccp(gatewayPolicy, (protocol, packet) -> toClient.add(packet), clock, NO_EVENTS, () -> {});
        Ccp client = new Ccp(clientPolicy, (protocol, packet) -> toGateway.add(packet), clock, NO_EVENTS, () -> {});
        for (Ccp ccp : new Ccp[] {gateway, client}) {
            ccp.control().open();
            ccp.control().up();
        }
        for (int exchanged = 0; !toClient.isEmpty() || !toGateway.isEmpty(); exchanged++) {
            assertThat(exchanged)
                    .as("packets exchanged before both sides settle")
                    .isLessThan(100);
            if (!toClient.isEmpty()) {
                client.control().receive(toClient.poll());
            }
            if (!toGateway.isEmpty()) {
                gateway.control().receive(toGateway.poll());
            }
        }
        assertThat(gateway.control().state()).isEqualTo(State.OPENED);
        assertThat(client.control().state()).isEqualTo(State.OPENED);
        assertThat(client.outcome()).isEqualTo(gateway.outcome());
        return ((Ccp.Outcome.Encrypted) gateway.outcome()).mode();
    }

    private static final LayerEvents NO_EVENTS = new LayerEvents() {
        @Override
        public void thisLayerUp() {}

        @Override
        public void thisLayerDown() {}

        @Override
        public void thisLayerStarted() {}

        @Override
        public void thisLayerFinished() {}
    };
}
