package io.pptpgw.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NetValuesTest {
    @Test
    void ipv4AddressesParseStrictly() {
        assertThat(Ipv4Address.parse("192.0.2.255").toString()).isEqualTo("192.0.2.255");
        assertThat(Ipv4Address.parse("0.0.0.0").isUnspecified()).isTrue();
        assertThatThrownBy(() -> Ipv4Address.parse("192.0.2"))
                .hasMessage("IPv4 address \"192.0.2\" must be four dot-separated decimal octets like 192.0.2.1");
        assertThatThrownBy(() -> Ipv4Address.parse("192.0.2.010"))
                .hasMessage("IPv4 address \"192.0.2.010\" has octet \"010\" with a leading zero");
        assertThatThrownBy(() -> Ipv4Address.parse("192.0.2.256"))
                .hasMessage("IPv4 address \"192.0.2.256\" has octet 256; each octet is 0 to 255");
        assertThatThrownBy(() -> Ipv4Address.parse("192.0.2.-1")).hasMessageContaining("has octet \"-1\"");
        assertThatThrownBy(() -> Ipv4Address.parse("::1")).hasMessageContaining("four dot-separated");
    }

    @Test
    void ipv4AddressesRoundTripThroughText() {
        long seed = 0x1723L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 10_000; i++) {
            Ipv4Address address = new Ipv4Address(random.nextInt());
            assertThat(Ipv4Address.parse(address.toString()))
                    .as("seed %d, %s", seed, address)
                    .isEqualTo(address);
            assertThat(Ipv4Address.of(address.toInetAddress())).isEqualTo(address);
        }
    }

    @Test
    void cidrsAreCanonical() {
        Cidr pool = Cidr.parse("10.250.0.0/24");
        assertThat(pool.size()).isEqualTo(256);
        assertThat(pool.last()).isEqualTo(Ipv4Address.parse("10.250.0.255"));
        assertThat(pool.contains(Ipv4Address.parse("10.250.0.7"))).isTrue();
        assertThat(pool.contains(Ipv4Address.parse("10.250.1.0"))).isFalse();
        assertThat(Cidr.parse("10.250.0.0/16").contains(pool)).isTrue();
        assertThat(pool.contains(Cidr.parse("10.250.0.0/16"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(Ipv4Address.parse("255.255.255.255")))
                .isTrue();
        assertThatThrownBy(() -> Cidr.parse("10.250.0.1/24"))
                .hasMessage("CIDR 10.250.0.1/24 has host bits set; the network is 10.250.0.0/24");
        assertThatThrownBy(() -> Cidr.parse("10.250.0.0/33"))
                .hasMessageContaining("prefix length 33; it must be 0 to 32");
        assertThatThrownBy(() -> Cidr.parse("10.250.0.0")).hasMessageContaining("needs a prefix length");
        assertThatThrownBy(() -> Cidr.parse("10.250.0.0/+8")).hasMessageContaining("has prefix length \"+8\"");
    }

    @Test
    void interfaceNamesFollowIfnamsizAndOurCharacterSet() {
        assertThat(InterfaceName.of("eth0.100").name()).isEqualTo("eth0.100");
        assertThat(InterfaceName.of("a23456789012345").name()).hasSize(15);
        assertThatThrownBy(() -> InterfaceName.of("a234567890123456"))
                .hasMessage("interface name \"a234567890123456\" is 16 characters; Linux allows at most 15 (IFNAMSIZ)");
        for (String bad : new String[] {"eth0\"", "eth 0", "eth0;", "eth/0", "eth:0", "é"}) {
            assertThatThrownBy(() -> InterfaceName.of(bad)).as(bad).hasMessageContaining("may contain only letters");
        }
        assertThatThrownBy(() -> InterfaceName.of("-x")).hasMessageContaining("may not start with '-'");
        assertThatThrownBy(() -> InterfaceName.of("..")).hasMessageContaining("or be . or ..");
        assertThatThrownBy(() -> InterfaceName.of("")).hasMessage("interface name is empty");
    }

    @Test
    void marksPortsAndTables() {
        assertThat(new FwMark(257).hex()).isEqualTo("0x101");
        assertThat(new FwMark(0xFFFF_FFFFL).value()).isEqualTo(4294967295L);
        assertThatThrownBy(() -> new FwMark(0)).hasMessage("fwmark 0 must be 1 to 4294967295 (0 means no mark)");
        assertThatThrownBy(() -> new FwMark(1L << 32)).hasMessageContaining("must be 1 to 4294967295");
        assertThatThrownBy(() -> new Port(0)).hasMessage("port 0 must be 1 to 65535");
        assertThatThrownBy(() -> new Port(65536)).hasMessage("port 65536 must be 1 to 65535");
        assertThat(new RoutingTable(252).id()).isEqualTo(252);
        assertThatThrownBy(() -> new RoutingTable(255)).hasMessageContaining("is the kernel's local table");
        assertThatThrownBy(() -> new RoutingTable(253)).hasMessageContaining("is the kernel's default table");
        assertThatThrownBy(() -> new RoutingTable(0)).hasMessage("routing table 0 must be 1 to 4294967295");
    }

    @Test
    void namespaceNamesAreValidatedBeforeTheyReachIp() {
        assertThat(ProcessCommandRunner.inNamespace("lab-node.1").prefix())
                .containsExactly("ip", "netns", "exec", "lab-node.1");
        assertThatThrownBy(() -> ProcessCommandRunner.inNamespace("-n x"))
                .hasMessageContaining("network namespace name");
    }

    @Test
    void sysctlKeysMapToProcSys() {
        assertThat(Sysctl.path("net.ipv4.ip_forward")).isEqualTo("/proc/sys/net/ipv4/ip_forward");
        assertThatThrownBy(() -> Sysctl.path("../../etc/passwd")).hasMessageContaining("must look like");
        RecordingCommandRunner runner = new RecordingCommandRunner().answer(java.util.List.of("cat"), "1\n");
        Sysctl sysctl = new Sysctl(runner);
        assertThat(sysctl.read(Sysctl.IP_FORWARD)).contains("1");
        sysctl.write(Sysctl.IP_FORWARD, "1");
        assertThat(runner.invocations().getLast())
                .isEqualTo(new RecordingCommandRunner.Invocation(
                        java.util.List.of("tee", "/proc/sys/net/ipv4/ip_forward"), "1\n"));
    }

    @Test
    void theProcessRunnerCapturesExitCodeAndBothStreams() {
        CommandResult result =
                ProcessCommandRunner.host().run(java.util.List.of("sh", "-c", "cat; echo oops >&2; exit 3"), "hello");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("hello");
        assertThat(result.firstErrorLine()).isEqualTo("oops");
        assertThat(result.describeFailure())
                .isEqualTo("sh -c cat; echo oops >&2; exit 3 failed with exit code 3: oops");
        assertThatThrownBy(() -> ProcessCommandRunner.host().run("/nonexistent/tool"))
                .isInstanceOf(CommandException.class)
                .hasMessageContaining("cannot start /nonexistent/tool");
    }
}
