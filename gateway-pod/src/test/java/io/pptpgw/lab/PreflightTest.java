package io.pptpgw.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PreflightTest {
    private static final Function<String, Optional<Path>> ALL_TOOLS = tool -> Optional.of(Path.of("/usr/sbin", tool));

    private static String status(String capEff) {
        return "Name:\tjava\nCapInh:\t0000000000000000\nCapPrm:\t" + capEff + "\nCapEff:\t" + capEff
                + "\nCapBnd:\t000001ffffffffff\n";
    }

    @Test
    void rootWithEveryToolHasNoProblems() {
        assertThat(Preflight.problems(status("000001ffffffffff"), ALL_TOOLS)).isEmpty();
    }

    @Test
    void noCapabilitiesNamesCapNetAdminAndCapSysAdminAndTheCapEffValue() {
        List<String> problems = Preflight.problems(status("0000000000000000"), ALL_TOOLS);

        assertThat(problems)
                .singleElement()
                .asString()
                .contains("lacks CAP_NET_ADMIN")
                .contains("and CAP_SYS_ADMIN")
                .contains("CapEff 0000000000000000 in /proc/self/status")
                .contains("run it as root");
    }

    @Test
    void onlyTheMissingCapabilityIsNamed() {
        String netAdminOnly = String.format("%016x", 1L << Preflight.CAP_NET_ADMIN);

        assertThat(Preflight.problems(status(netAdminOnly), ALL_TOOLS))
                .singleElement()
                .asString()
                .contains("lacks CAP_SYS_ADMIN")
                .doesNotContain("CAP_NET_ADMIN");
    }

    @Test
    void aMissingToolIsNamedWithThePackageThatProvidesIt() {
        List<String> problems = Preflight.problems(
                status("000001ffffffffff"), tool -> tool.equals("nft") ? Optional.empty() : ALL_TOOLS.apply(tool));

        assertThat(problems)
                .singleElement()
                .asString()
                .contains("the 'nft' tool is missing")
                .contains("nftables");
    }

    @Test
    void everyProblemIsReportedTogether() {
        List<String> problems = Preflight.problems(status("0000000000000000"), tool -> Optional.empty());

        assertThat(problems).hasSize(4);
        assertThat(String.join("\n", problems)).contains("CAP_NET_ADMIN", "'ip'", "'nft'", "'sysctl'");
    }

    @Test
    void aStatusWithoutCapEffIsAProblemNotACrash() {
        assertThat(Preflight.problems("Name:\tjava\n", ALL_TOOLS))
                .singleElement()
                .asString()
                .contains("no CapEff line");
    }
}
