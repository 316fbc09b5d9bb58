package io.pptpgw.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.client.ClientSession;
import io.pptpgw.dataplane.Drop;
import io.pptpgw.gre.memory.InMemoryGreLink;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.sys.Ipv4;
import io.pptpgw.testing.Ipv4Packets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Our client and our gateway in one process: the whole stack from TCP 1723 to the TUN devices. */
class ClientServerInMemoryTest {
    private static final int INSIDE_HOST = Ipv4.parse("10.0.0.5");

    @Test
    void dialsAuthenticatesGetsAnAddressAndCarriesIpBothWaysUnderMppe128() throws Exception {
        try (InMemoryGateway gateway = new InMemoryGateway(
                InMemoryGreLink.Impairment.NONE, MppePolicy.defaults(), Map.of("alice", "secret"))) {
            ClientSession session = gateway.client
                    .dial(
                            gateway.serverAddress(),
                            "alice",
                            new Credential.Password("secret"),
                            InMemoryGateway.clientLink(MppePolicy.defaults()))
                    .get(20, TimeUnit.SECONDS);

            assertThat(session.encryption()).isEqualTo("mppe-128");
            assertThat(InMemoryGateway.POOL.contains(Ipv4Address.of(session.address())))
                    .isTrue();
            assertThat(session.parameters().dnsServers()).containsExactly(InMemoryGateway.DNS);
            int clientAddress = Ipv4Address.of(session.address()).bits();

            byte[] outbound =
                    Ipv4Packets.udp(clientAddress, INSIDE_HOST, "to the inside".getBytes(StandardCharsets.US_ASCII));
            gateway.clientTun.inject(outbound);
            assertThat(gateway.serverTun.awaitWritten(Duration.ofSeconds(5))).isEqualTo(outbound);

            byte[] inbound =
                    Ipv4Packets.udp(INSIDE_HOST, clientAddress, "to the client".getBytes(StandardCharsets.US_ASCII));
            gateway.serverTun.inject(inbound);
            assertThat(gateway.clientTun.awaitWritten(Duration.ofSeconds(5))).isEqualTo(inbound);

            SessionSummary summary = session.hangUp().get(10, TimeUnit.SECONDS);
            assertThat(summary.sentPackets()).isEqualTo(1);
            assertThat(summary.receivedPackets()).isEqualTo(1);
        }
    }

    @Test
    void packetsOtherThanIpv4FromEitherKernelAreDroppedAndCountedNeverCarriedAsIpv4() throws Exception {
        try (InMemoryGateway gateway = new InMemoryGateway(
                InMemoryGreLink.Impairment.NONE, MppePolicy.defaults(), Map.of("alice", "secret"))) {
            ClientSession session = gateway.client
                    .dial(
                            gateway.serverAddress(),
                            "alice",
                            new Credential.Password("secret"),
                            InMemoryGateway.clientLink(MppePolicy.defaults()))
                    .get(20, TimeUnit.SECONDS);
            int clientAddress = Ipv4Address.of(session.address()).bits();
            // An IPv6 router solicitation's header, as a kernel sends on an interface with IPv6 on: version 6.
            byte[] ipv6 = new byte[48];
            ipv6[0] = 0x60;
            ipv6[4] = 0;
            ipv6[5] = 8;
            ipv6[6] = 58;
            ipv6[7] = (byte) 255;

            gateway.clientTun.inject(ipv6);
            byte[] outbound = Ipv4Packets.udp(clientAddress, INSIDE_HOST, "after".getBytes(StandardCharsets.US_ASCII));
            gateway.clientTun.inject(outbound);
            assertThat(gateway.serverTun.awaitWritten(Duration.ofSeconds(5))).isEqualTo(outbound);
            // The gateway's link is up once the client's packet came through: now the other way.
            gateway.serverTun.inject(ipv6);
            byte[] inbound = Ipv4Packets.udp(INSIDE_HOST, clientAddress, "after".getBytes(StandardCharsets.US_ASCII));
            gateway.serverTun.inject(inbound);
            assertThat(gateway.clientTun.awaitWritten(Duration.ofSeconds(5))).isEqualTo(inbound);
            assertThat(gateway.client.dataPlane().dropped(Drop.TUN_NOT_IPV4)).isEqualTo(1);
            assertThat(gateway.serverDataPlane.dropped(Drop.TUN_NOT_IPV4)).isEqualTo(1);
            assertThat(gateway.serverDataPlane.dropped(Drop.IP_MALFORMED)).isZero();
            SessionSummary summary = session.hangUp().get(10, TimeUnit.SECONDS);
            assertThat(summary.sentPackets()).isEqualTo(1);
            assertThat(summary.receivedPackets()).isEqualTo(1);
        }
    }
}
