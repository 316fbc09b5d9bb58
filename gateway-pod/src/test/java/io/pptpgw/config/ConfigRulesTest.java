package io.pptpgw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per rule: the office example broken in exactly one way, and the exact problem the loader names. */
class ConfigRulesTest {
    private static List<String> problems(String yaml) {
        InvalidConfigException e = catchThrowableOfType(
                InvalidConfigException.class, () -> GatewayConfigLoader.parse(yaml, "office.yaml"));
        assertThat(e).as("the loader must refuse this configuration").isNotNull();
        return e.problems();
    }

    private static List<String> officeProblems(String from, String to) {
        return problems(ConfigYaml.officeWith(from, to));
    }

    @Test
    void duplicateWanMarks() {
        assertThat(officeProblems("mark: 258", "mark: 257"))
                .containsExactly("spec.wans[1].mark 257 duplicates spec.wans[0].mark");
    }

    @Test
    void duplicateWanTables() {
        assertThat(officeProblems("table: 102", "table: 101"))
                .containsExactly("spec.wans[1].table 101 duplicates spec.wans[0].table");
    }

    @Test
    void duplicateWanInterfacesAndNames() {
        assertThat(officeProblems("{name: isp2, interface: eth2", "{name: isp1, interface: eth1"))
                .containsExactly(
                        "spec.wans[1].name isp1 duplicates spec.wans[0].name",
                        "spec.wans[1].interface eth1 duplicates spec.wans[0].interface");
    }

    @Test
    void insecureMethodsNeedAllowInsecure() {
        assertThat(officeProblems("methods: [MSCHAPv2]", "methods: [PAP]"))
                .contains("spec.authentication.methods [PAP] needs allowInsecure: true (PAP expose the password to"
                        + " anyone who captures the login)");
    }

    @Test
    void insecureMethodsAreAcceptedWhenAllowedExplicitly() {
        var config = GatewayConfigLoader.parse(
                ConfigYaml.officeWithInsecureMethods("methods: [MSCHAPv2, CHAP, PAP]"), "office.yaml");
        assertThat(config.authentication().methods()).hasSize(3);
    }

    @Test
    void preferringStatefulMppeNeedsItAllowed() {
        assertThat(problems(ConfigYaml.officeWith(
                        "mppe: {allowStateful: false, allow40Bit: false}",
                        "mppe: {allowStateful: false, preferStateful: true}")))
                .containsExactly("spec.authentication.mppe.preferStateful true needs allowStateful: true (the gateway"
                        + " cannot ask for a mode it does not allow)");
        var config = GatewayConfigLoader.parse(
                ConfigYaml.officeWith(
                        "mppe: {allowStateful: false, allow40Bit: false}",
                        "mppe: {allowStateful: true, preferStateful: true}"),
                "office.yaml");
        assertThat(config.authentication().mppe()).isEqualTo(new Authentication.Mppe(true, false, true));
    }

    @Test
    void requiredEncryptionNeedsMsChapV2() {
        assertThat(problems(ConfigYaml.officeWithInsecureMethods("methods: [CHAP]")))
                .containsExactly("spec.authentication.encryption Required needs MSCHAPv2 in methods (MPPE keys come"
                        + " from MS-CHAPv2, RFC 3079)");
    }

    @Test
    void emptyAndDuplicateMethods() {
        assertThat(officeProblems("methods: [MSCHAPv2]", "methods: []"))
                .contains("spec.authentication.methods [] must name at least one method (MSCHAPv2 recommended)");
        assertThat(officeProblems("methods: [MSCHAPv2]", "methods: [MSCHAPv2, MSCHAPv2]"))
                .containsExactly("spec.authentication.methods[1] MSCHAP_V2 duplicates spec.authentication.methods[0]");
    }

    @Test
    void poolTooSmall() {
        assertThat(officeProblems("cidr: 10.250.0.0/16", "cidr: 10.250.0.0/31"))
                .contains("spec.clientPool.cidr 10.250.0.0/31 is too small: a pool needs at least a /30 (network,"
                        + " the gateway's own address, one client, broadcast)");
    }

    @Test
    void poolWithHostBits() {
        assertThat(officeProblems("cidr: 10.250.0.0/16", "cidr: 10.250.0.1/16"))
                .containsExactly("spec.clientPool.cidr: CIDR 10.250.0.1/16 has host bits set; the network is"
                        + " 10.250.0.0/16");
    }

    @Test
    void perNodePrefixMustLieBetweenThePoolAndThirty() {
        assertThat(officeProblems("perNodePrefixLength: 24", "perNodePrefixLength: 12"))
                .containsExactly(
                        "spec.clientPool.perNodePrefixLength 12 must be between the pool's own prefix 16" + " and 30");
    }

    @Test
    void moreThanTwoDnsServers() {
        assertThat(officeProblems("dns: [10.96.0.10]", "dns: [10.96.0.10, 1.1.1.1, 8.8.8.8]"))
                .containsExactly("spec.dns [10.96.0.10, 1.1.1.1, 8.8.8.8] lists 3 servers; IPCP carries at most 2"
                        + " (RFC 1877 primary and secondary)");
    }

    @Test
    void badDnsAddress() {
        assertThat(officeProblems("dns: [10.96.0.10]", "dns: [10.96.0.300]"))
                .containsExactly("spec.dns[0]: IPv4 address \"10.96.0.300\" has octet 300; each octet is 0 to 255");
    }

    @Test
    void fixedMssNeedsAValue() {
        assertThat(officeProblems("mode: PathMtu", "mode: Fixed"))
                .containsExactly("spec.mssClamping.mode Fixed needs spec.mssClamping.value (an MSS such as 1360)");
    }

    @Test
    void anMssValueWithoutFixedIsAMistake() {
        assertThat(officeProblems("mode: PathMtu", "mode: PathMtu, value: 1300"))
                .containsExactly("spec.mssClamping.value 1300 is only used with mode Fixed (mode is PathMtu)");
    }

    @Test
    void aFixedMssMustFitTheTunnel() {
        assertThat(officeProblems("mode: PathMtu", "mode: Fixed, value: 1400"))
                .containsExactly("spec.mssClamping.value 1400 exceeds spec.mtu 1400 minus 40 (IP and TCP headers) ="
                        + " 1360; segments would not fit the tunnel");
    }

    @Test
    void mtuRange() {
        assertThat(officeProblems("mtu: 1400", "mtu: 9000")).contains("spec.mtu 9000 must be 576 to 1500");
    }

    @Test
    void badInterfaceName() {
        assertThat(officeProblems("interface: eth1", "interface: \"eth1;drop\""))
                .containsExactly("spec.wans[0].interface: interface name \"eth1;drop\" may contain only letters,"
                        + " digits, '.', '_' and '-'");
    }

    @Test
    void aWanCannotBeTheTunnel() {
        assertThat(officeProblems("interface: eth1", "interface: pptp-office"))
                .containsExactly("spec.wans[0].interface pptp-office is the gateway's own tunnel interface; a WAN is"
                        + " an uplink");
    }

    @Test
    void reservedRoutingTableAndZeroMark() {
        assertThat(officeProblems("mark: 257, table: 101", "mark: 0, table: 254"))
                .containsExactly(
                        "spec.wans[0].mark: fwmark 0 must be 1 to 4294967295 (0 means no mark)",
                        "spec.wans[0].table: routing table 254 is the kernel's main table; choose a table of your own"
                                + " (e.g. 100)");
    }

    @Test
    void aForwardCannotStealTheGatewaysOwnAddress() {
        assertThat(officeProblems("address: 0.0.0.0", "address: 203.0.113.10"))
                .containsExactly("spec.passthrough.forwards[0].publicAddress 203.0.113.10 is spec.listen.address; its"
                        + " TCP 1723 would be forwarded away from this gateway");
    }

    @Test
    void metricsAndControlCannotShareAPort() {
        assertThat(officeProblems("port: 9723", "port: 1723"))
                .containsExactly("spec.metrics.port 1723 is spec.listen.port; two listeners cannot share it");
    }

    @Test
    void badDuration() {
        assertThat(officeProblems("window: 5m", "window: 5 minutes"))
                .containsExactly("spec.authentication.lockout.window: \"5 minutes\" is not a duration such as 500ms,"
                        + " 30s, 5m or 1h30m");
    }

    @Test
    void zeroLockoutFailures() {
        assertThat(officeProblems("maxFailures: 5", "maxFailures: 0"))
                .containsExactly("spec.authentication.lockout.maxFailures 0 must be at least 1");
    }

    @Test
    void badEnumValueNamesTheAllowedValues() {
        assertThat(officeProblems("mode: PathMtu", "mode: pathmtu"))
                .containsExactly("spec.mssClamping.mode \"pathmtu\" is not one of [PathMtu, Fixed, Off]");
    }

    @Test
    void unknownFieldsAreNamedNotIgnored() {
        assertThat(officeProblems("wans:", "wan:"))
                .containsExactly("spec.wan is not a field of spec (known: nodeSelector, tolerations, listen,"
                        + " clientPool, dns, mtu, mssClamping, authentication, masquerade, wans, passthrough, limits,"
                        + " keepalive, metrics, tunnelInterface, image)");
        assertThat(officeProblems("gateway: 203.0.113.1", "gw: 203.0.113.1"))
                .contains("spec.wans[0].gw is not a field of spec.wans[0] (known: name, interface, gateway, mark,"
                        + " table)");
    }

    @Test
    void wrongKind() {
        assertThat(officeProblems("kind: PptpGateway", "kind: Deployment"))
                .containsExactly(
                        "apiVersion/kind pptpgw.io/v1alpha1/Deployment must be pptpgw.io/v1alpha1/PptpGateway");
    }

    @Test
    void badGatewayName() {
        assertThat(officeProblems("name: office,", "name: Office_1,"))
                .containsExactly("metadata.name \"Office_1\" must be 1 to 63 lowercase letters, digits, '-' and '.',"
                        + " starting and ending with a letter or digit (it names the nft table pptpgw_<name>)");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String yaml = ConfigYaml.officeWith("mark: 258", "mark: 257")
                .replace("dns: [10.96.0.10]", "dns: [1.1.1.1, 1.0.0.1, 8.8.8.8]")
                .replace("methods: [MSCHAPv2]", "methods: [PAP]")
                .replace("mtu: 1400", "mtu: 100");

        assertThat(problems(yaml))
                .contains(
                        "spec.wans[1].mark 257 duplicates spec.wans[0].mark",
                        "spec.mtu 100 must be 576 to 1500",
                        "spec.authentication.encryption Required needs MSCHAPv2 in methods (MPPE keys come from"
                                + " MS-CHAPv2, RFC 3079)")
                .anyMatch(p -> p.startsWith("spec.dns [1.1.1.1, 1.0.0.1, 8.8.8.8] lists 3 servers"))
                .anyMatch(p -> p.startsWith("spec.authentication.methods [PAP] needs allowInsecure: true"));
    }

    @Test
    void theExceptionMessageListsEveryProblem() {
        InvalidConfigException e = catchThrowableOfType(
                InvalidConfigException.class,
                () -> GatewayConfigLoader.parse(
                        ConfigYaml.officeWith("mark: 258", "mark: 257").replace("mtu: 1400", "mtu: 100"),
                        "office.yaml"));

        assertThat(e.getMessage())
                .isEqualTo("office.yaml is invalid (2 problems):\n  spec.mtu 100 must be 576 to 1500\n"
                        + "  spec.wans[1].mark 257 duplicates spec.wans[0].mark");
    }
}
