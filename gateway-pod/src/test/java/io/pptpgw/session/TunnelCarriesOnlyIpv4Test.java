package io.pptpgw.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.client.ClientSession;
import io.pptpgw.dataplane.Drop;
import io.pptpgw.gre.memory.InMemoryGreLink;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.sys.Ipv4;
import io.pptpgw.testing.Hex;
import io.pptpgw.testing.Ipv4Packets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * IPCP negotiates IPv4 alone, so only IPv4 goes into the tunnel: an IPv6 packet the kernel routes to the TUN device
 * (a fresh device's router solicitation, say) is dropped and counted there, instead of reaching the peer labelled as
 * IPv4, where it would be garbage (and, in stateful MPPE, cost a resynchronisation).
 */
class TunnelCarriesOnlyIpv4Test {
    /** ICMPv6 router solicitation from fe80::1 to ff02::2, as a fresh interface sends it. */
    private static final byte[] ROUTER_SOLICITATION = Hex.bytes("""
            60000000 0008 3a ff
            fe800000000000000000000000000001
            ff020000000000000000000000000002
            8500 7bb8 00000000
            """);

    @Test
    void anIpv6PacketFromTheKernelIsDroppedAtTheTunDeviceAndIpv4StillFlows() throws Exception {
        try (InMemoryGateway gateway = new InMemoryGateway(
                InMemoryGreLink.Impairment.NONE, MppePolicy.defaults(), Map.of("alice", "secret"))) {
            ClientSession session = gateway.client
                    .dial(
                            gateway.serverAddress(),
                            "alice",
                            new Credential.Password("secret"),
                            InMemoryGateway.clientLink(MppePolicy.defaults()))
                    .get(20, TimeUnit.SECONDS);
            gateway.awaitGatewaySessionUp();
            gateway.clientTun.inject(ROUTER_SOLICITATION);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> gateway.client.dataPlane().dropped(Drop.TUN_NOT_IPV4) == 1);

            byte[] ipv4 = Ipv4Packets.udp(
                    Ipv4Address.of(session.address()).bits(),
                    Ipv4.parse("10.0.0.5"),
                    "after".getBytes(StandardCharsets.US_ASCII));
            gateway.clientTun.inject(ipv4);
            assertThat(gateway.serverTun.awaitWritten(Duration.ofSeconds(5))).isEqualTo(ipv4);
            assertThat(gateway.serverDataPlane.dropped(Drop.MPPE_GARBLED)).isZero();
        }
    }
}
