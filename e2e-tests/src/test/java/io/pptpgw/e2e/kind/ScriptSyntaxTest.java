package io.pptpgw.e2e.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pptpgw.e2e.testing.RepositoryFiles;
import io.pptpgw.e2e.testing.ScriptRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The delivery scripts parse with the shell that runs them ({@code bash -n}, {@code sh -n}) and pass shellcheck
 * (installed by .ci/run; skipped, saying so, where it is missing).
 */
class ScriptSyntaxTest {

    /** Each script with the shell its first line names. */
    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of("e2e-tests/kind/run.sh", "bash"),
                Arguments.of("e2e-tests/kind/client/pptp-dial", "sh"),
                Arguments.of("docker/entrypoint.sh", "sh"));
    }

    @ParameterizedTest(name = "{1} -n {0}")
    @MethodSource("scripts")
    void parsesWithItsShell(String script, String shell) throws Exception {
        Path file = RepositoryFiles.root().resolve(script);
        String firstLine = Files.readAllLines(file).getFirst();

        ScriptRun run = ScriptRun.run(RepositoryFiles.root(), Map.of(), List.of(shell, "-n", file.toString()));

        assertThat(firstLine).isIn("#!/bin/" + shell, "#!/usr/bin/env " + shell);
        assertThat(Files.isExecutable(file)).as("%s is executable", script).isTrue();
        assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    @ParameterizedTest(name = "shellcheck {0}")
    @MethodSource("scripts")
    void passesShellcheck(String script, String shell) {
        assumeTrue(
                Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "shellcheck"))),
                "shellcheck is not installed (apt-get install shellcheck; .ci/run does)");

        ScriptRun run = ScriptRun.run(
                RepositoryFiles.root(),
                Map.of(),
                List.of(
                        "shellcheck",
                        "--shell=" + shell,
                        RepositoryFiles.root().resolve(script).toString()));

        assertThat(run.exitCode()).as(run.describe()).isZero();
    }
}
