package io.pptpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PptpgwCommandTest {
    @Test
    void helpListsTheCommands() {
        CommandRun run = CommandRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("Usage: pptpgw")
                .containsPattern("(?m)^  version +Print the version of pptpgw\\.")
                .containsPattern("(?m)^  lab +A demo network")
                .containsPattern("(?m)^  bench +Measure the gateway in a lab of its own")
                .containsPattern("(?m)^  help +");
    }

    @Test
    void versionPrintsTheImplementationVersionOrDev() {
        CommandRun run = CommandRun.of("version");

        assertThat(run.exitCode()).isZero();
        // Run from classes there is no manifest; the shaded jar's version is checked by LauncherIT.
        assertThat(run.out()).isEqualTo("pptpgw dev" + System.lineSeparator());
        assertThat(CommandRun.of("--version").out()).isEqualTo(run.out());
    }

    @Test
    void labHelpListsUpStatusAndDown() {
        CommandRun run = CommandRun.of("lab", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .containsPattern("(?m)^  up +Build the demo lab")
                .containsPattern("(?m)^  status +Show which namespaces")
                .containsPattern("(?m)^  down +Remove the lab")
                .contains("--prefix=PREFIX");
    }

    @Test
    void withoutASubcommandItShowsUsageAndFails() {
        CommandRun run = CommandRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: pptpgw");
        assertThat(CommandRun.of("lab").err()).contains("Usage: pptpgw lab");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CommandRun run = CommandRun.of("teleport");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument at index 0: 'teleport'");
    }

    @Test
    void anInvalidLabPrefixIsReportedByNameWithoutAStackTrace() {
        CommandRun run = CommandRun.of("lab", "status", "--prefix", "Bad-Prefix");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("pptpgw lab status: lab name prefix 'Bad-Prefix' must match")
                .doesNotContain("Exception");
    }
}
