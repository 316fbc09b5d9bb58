package io.pptpgw.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Without CAP_NET_ADMIN the lab fails at once with a message naming it, and creates nothing. Run as root, the child
 * JVM drops every capability through setpriv(1); run without capabilities, the child lacks them anyway.
 */
class LabWithoutCapabilitiesIT {
    /** Generous for a JVM start on a loaded two-core machine; a lab that hung would never finish at all. */
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void buildingALabWithoutCapNetAdminFailsFastNamingIt() {
        List<String> command = new ArrayList<>();
        if (Preflight.problems().isEmpty()) {
            command.addAll(List.of(
                    Preflight.tool("setpriv"), "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--"));
        }
        command.addAll(Invocation.java(PreflightProbeMain.class).command());
        LabProcess child = Invocation.of(command).start();

        ExecResult result = child.waitFor(CHILD_TIMEOUT);

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.stdout())
                .as("%s", result)
                .contains("the network lab cannot run here")
                .contains("CAP_NET_ADMIN")
                .contains("CapEff 0000000000000000");
        assertThat(millisToFail(result.stdout())).as("%s", result).isLessThan(5_000);
        assertThat(Netns.list()).noneMatch(name -> LabNames.owner(name).orElse(-1) == child.pid());
    }

    private static long millisToFail(String stdout) {
        Matcher matcher = Pattern.compile("UNAVAILABLE after (\\d+) ms").matcher(stdout);
        assertThat(matcher.find()).as(stdout).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
