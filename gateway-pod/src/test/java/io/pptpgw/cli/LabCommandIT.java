package io.pptpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pptpgw.lab.Lab;
import io.pptpgw.lab.LabNames;
import io.pptpgw.lab.Preflight;
import io.pptpgw.lab.topology.Topologies;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code pptpgw lab up|status|down} against the kernel, under a prefix of this test's own. */
class LabCommandIT {
    private final String prefix = "it" + ProcessHandle.current().pid() % 10_000;

    @BeforeEach
    void needsTheLab() {
        assumeTrue(Preflight.problems().isEmpty(), () -> "network lab unavailable: " + Preflight.problems());
    }

    @AfterEach
    void removeWhateverIsLeft() {
        Lab.remove(Topologies.demo(), new LabNames.Stable(prefix));
    }

    @Test
    void upStatusAndDownManageOneLabAcrossInvocations() {
        CommandRun up = CommandRun.of("lab", "up", "--prefix", prefix);

        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out())
                .contains("lab is up: topology demo in 8 network namespaces")
                .containsPattern(
                        "node +" + prefix + "-node +wan1 203.0.113.2/24, wan2 198.51.100.2/24, lan 10.0.0.1/24")
                .contains("ip netns exec " + prefix + "-client ping -c 3 203.0.113.2");
        assertThat(Files.exists(Path.of("/run/netns", prefix + "-internet"))).isTrue();

        CommandRun status = CommandRun.of("lab", "--prefix", prefix, "status");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out())
                .containsPattern(prefix + "-nat +wan@if\\d+ +UP +192.0.2.100/24")
                .doesNotContain(" lo ");

        CommandRun again = CommandRun.of("lab", "up", "--prefix", prefix);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exist");

        CommandRun down = CommandRun.of("lab", "down", "--prefix", prefix);
        assertThat(down.exitCode()).isZero();
        assertThat(down.out()).contains("Removed the " + prefix + " lab: " + prefix + "-client");
        assertThat(Files.exists(Path.of("/run/netns", prefix + "-internet"))).isFalse();

        CommandRun after = CommandRun.of("lab", "status", "--prefix", prefix);
        assertThat(after.exitCode()).isEqualTo(3);
        assertThat(after.out()).contains("lab is down");
    }

    @Test
    void aClientReachesTheNodeInTheLabUpLeavesBehind() {
        assertThat(CommandRun.of("lab", "up", "--prefix", prefix).exitCode()).isZero();

        Lab lab = Lab.attach(Topologies.demo(), new LabNames.Stable(prefix));
        lab.namespace("client")
                .exec("ping", "-c", "1", "-W", "2", lab.address("node", "wan1"))
                .orThrow();
    }
}
