package io.pptpgw.ppp.ipcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.ppp.Code;
import io.pptpgw.ppp.ControlPacket;
import io.pptpgw.ppp.ManualScheduler;
import io.pptpgw.ppp.RecordingSink;
import io.pptpgw.ppp.fsm.LayerEvents;
import io.pptpgw.ppp.fsm.State;
import io.pptpgw.testing.Hex;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** IPCP (RFC 1332) with RFC 1877 DNS, both sides, against a client shaped like Windows. */
class IpcpTest {
    private static final AddressAllocator UNUSED = new AddressAllocator() {
        @Override
        public Optional<Inet4Address> allocate(String user) {
            throw new AssertionError("Ipcp itself never allocates");
        }

        @Override
        public void release(Inet4Address address) {}
    };

    private final RecordingSink sink = new RecordingSink();
    private final ManualScheduler scheduler = new ManualScheduler();

    @Test
    void theServerAnnouncesItsOwnAddress() {
        Ipcp ipcp = server(List.of());
        assertThat(sink.last()).isEqualTo(new ControlPacket(1, 1, Hex.bytes("03 06 0afa0001")));
    }

    @Test
    void windowsAsksForEverythingAndIsNarrowedToAnAddressAndTwoDnsServers() {
        Ipcp ipcp = server(List.of(address("10.96.0.10"), address("10.96.0.11")));
        receive(ipcp, Code.CONFIGURE_REQUEST, 1, """
                03 06 00000000   # IP-Address 0.0.0.0
                81 06 00000000   # primary DNS
                82 06 00000000   # primary NBNS
                83 06 00000000   # secondary DNS
                84 06 00000000   # secondary NBNS
                """);
        assertThat(sink.last()).isEqualTo(packet(Code.CONFIGURE_REJECT, 1, "82 06 00000000  84 06 00000000"));

        receive(ipcp, Code.CONFIGURE_REQUEST, 2, "03 06 00000000  81 06 00000000  83 06 00000000");
        assertThat(sink.last())
                .isEqualTo(packet(Code.CONFIGURE_NAK, 2, "03 06 0afa0002  81 06 0a60000a  83 06 0a60000b"));

        receive(ipcp, Code.CONFIGURE_REQUEST, 3, "03 06 0afa0002  81 06 0a60000a  83 06 0a60000b");
        assertThat(sink.last())
                .isEqualTo(packet(Code.CONFIGURE_ACK, 3, "03 06 0afa0002  81 06 0a60000a  83 06 0a60000b"));
        receive(ipcp, Code.CONFIGURE_ACK, 1, "03 06 0afa0001");

        assertThat(ipcp.control().state()).isEqualTo(State.OPENED);
        assertThat(ipcp.localAddress()).contains(address("10.250.0.1"));
        assertThat(ipcp.peerAddress()).contains(address("10.250.0.2"));
        assertThat(ipcp.dnsServers()).containsExactly(address("10.96.0.10"), address("10.96.0.11"));
    }

    @Test
    void aWrongAddressIsNakdWithTheAssignedOne() {
        Ipcp ipcp = server(List.of());
        receive(ipcp, Code.CONFIGURE_REQUEST, 1, "03 06 c0a80105");
        assertThat(sink.last()).isEqualTo(packet(Code.CONFIGURE_NAK, 1, "03 06 0afa0002"));
    }

    @Test
    void aClientThatDoesNotAskForAnAddressIsPromptedToAsk() {
        Ipcp ipcp = server(List.of());
        receive(ipcp, Code.CONFIGURE_REQUEST, 1, "");
        assertThat(sink.last()).isEqualTo(packet(Code.CONFIGURE_NAK, 1, "03 06 0afa0002"));
    }

    @Test
    void dnsIsRejectedWhenNoneIsConfiguredAndVjCompressionAlways() {
        Ipcp ipcp = server(List.of(address("10.96.0.10")));
        receive(ipcp, Code.CONFIGURE_REQUEST, 1, "03 06 0afa0002  02 06 002d 0f 01  81 06 00000000  83 06 00000000");
        assertThat(sink.last()).isEqualTo(packet(Code.CONFIGURE_REJECT, 1, "02 06 002d 0f 01  83 06 00000000"));
    }

    @Test
    void theClientAsksWithZerosAndTakesWhatTheServerSuggests() {
        Ipcp ipcp = Ipcp.client(new IpcpSettings.Client(true), sink, scheduler, NO_EVENTS);
        ipcp.control().open();
        ipcp.control().up();
        assertThat(sink.last())
                .isEqualTo(packet(Code.CONFIGURE_REQUEST, 1, "03 06 00000000  81 06 00000000  83 06 00000000"));

        receive(ipcp, Code.CONFIGURE_NAK, 1, "03 06 0afa0002  81 06 0a60000a  83 06 0a60000b");
        ControlPacket second = sink.last();
        assertThat(second.data()).isEqualTo(Hex.bytes("03 06 0afa0002  81 06 0a60000a  83 06 0a60000b"));

        receive(ipcp, Code.CONFIGURE_REQUEST, 7, "03 06 0afa0001  02 06 002d 0f 01");
        assertThat(sink.last()).isEqualTo(packet(Code.CONFIGURE_REJECT, 7, "02 06 002d 0f 01"));
        receive(ipcp, Code.CONFIGURE_REQUEST, 8, "03 06 0afa0001");
        receive(ipcp, Code.CONFIGURE_ACK, second.identifier(), Hex.string(second.data()));

        assertThat(ipcp.control().state()).isEqualTo(State.OPENED);
        assertThat(ipcp.localAddress()).contains(address("10.250.0.2"));
        assertThat(ipcp.peerAddress()).contains(address("10.250.0.1"));
        assertThat(ipcp.dnsServers()).containsExactly(address("10.96.0.10"), address("10.96.0.11"));
    }

    @Test
    void theClientStopsAskingForDnsTheServerRejects() {
        Ipcp ipcp = Ipcp.client(new IpcpSettings.Client(true), sink, scheduler, NO_EVENTS);
        ipcp.control().open();
        ipcp.control().up();
        receive(ipcp, Code.CONFIGURE_REJECT, 1, "81 06 00000000  83 06 00000000");
        assertThat(sink.last().data()).isEqualTo(Hex.bytes("03 06 00000000"));
        assertThat(ipcp.dnsServers()).isEmpty();
    }

    private Ipcp server(List<Inet4Address> dns) {
        Ipcp ipcp = Ipcp.server(
                new IpcpSettings.Server(address("10.250.0.1"), dns, UNUSED),
                address("10.250.0.2"),
                sink,
                scheduler,
                NO_EVENTS);
        ipcp.control().open();
        ipcp.control().up();
        return ipcp;
    }

    private static void receive(Ipcp ipcp, Code code, int identifier, String hex) {
        ipcp.control().receive(packet(code, identifier, hex));
    }

    private static ControlPacket packet(Code code, int identifier, String hex) {
        return new ControlPacket(code.number(), identifier, Hex.bytes(hex));
    }

    private static Inet4Address address(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
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
