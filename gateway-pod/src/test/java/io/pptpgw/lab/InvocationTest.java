package io.pptpgw.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Running commands: output captured, input fed, every wait bounded. Real processes, no namespaces, no root. */
class InvocationTest {
    @Test
    void capturesExitCodeStdoutAndStderr() {
        ExecResult result =
                Invocation.of("sh", "-c", "echo out; echo err >&2; exit 3").run();

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void orThrowNamesTheCommandTheExitCodeAndTheOutput() {
        ExecResult result = Invocation.of("sh", "-c", "echo broken >&2; exit 7").run();

        assertThatThrownBy(result::orThrow)
                .isInstanceOf(LabException.class)
                .hasMessageContaining("command sh -c echo broken >&2; exit 7 exited 7")
                .hasMessageContaining("--- stderr ---\nbroken");
    }

    @Test
    void feedsInputAndOtherwiseGivesAnEmptyStdin() {
        assertThat(Invocation.of("cat").withInput("table inet t {}\n").run().stdout())
                .isEqualTo("table inet t {}\n");
        assertThat(Invocation.of("cat").run().stdout()).isEmpty();
    }

    @Test
    void passesExtraEnvironment() {
        assertThat(Invocation.of("sh", "-c", "echo $LAB_PROBE")
                        .withEnvironment("LAB_PROBE", "42")
                        .run()
                        .stdout())
                .isEqualTo("42\n");
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsKilledAndReported() {
        Invocation sleep = Invocation.of("sleep", "30").withTimeout(Duration.ofMillis(300));

        assertThatThrownBy(sleep::run)
                .isInstanceOf(LabException.class)
                .hasMessageContaining("command sleep 30 did not finish within PT0.3S and was killed");
    }

    @Test
    void awaitsOutputOfAStartedProcessAndCloseEndsItWithItsChildren() throws Exception {
        ProcessHandle shell;
        ProcessHandle sleep;
        try (LabProcess started = Invocation.of("sh", "-c", "echo one; sleep 0.2; sleep 30 & echo READY; wait")
                .start()) {
            started.awaitOutput("READY", Duration.ofSeconds(10));
            assertThat(started.stdout()).isEqualTo("one\nREADY\n");
            shell = ProcessHandle.of(started.pid()).orElseThrow();
            sleep = shell.children().findFirst().orElseThrow();
        }
        shell.onExit().get(10, TimeUnit.SECONDS);
        sleep.onExit().get(10, TimeUnit.SECONDS);
    }

    @Test
    void awaitingOutputThatNeverComesFailsWhenTheProcessExits() {
        LabProcess process = Invocation.of("sh", "-c", "echo starting; exit 1").start();

        assertThatThrownBy(() -> process.awaitOutput("READY", Duration.ofSeconds(10)))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("exited 1 before writing 'READY'")
                .hasMessageContaining("starting");
    }

    @Test
    void awaitingOutputIsBounded() {
        try (LabProcess process = Invocation.of("sleep", "30").start()) {
            assertThatThrownBy(() -> process.awaitOutput("READY", Duration.ofMillis(200)))
                    .isInstanceOf(LabException.class)
                    .hasMessageContaining("did not write 'READY' within PT0.2S");
        }
    }

    @Test
    void startsAJavaMainFromThisClassPathWithNativeAccess() {
        ExecResult result =
                Invocation.java(EchoArgsMain.class, "a", "b c").run().orThrow();

        assertThat(result.stdout()).isEqualTo("ARGS a,b c NATIVE true\n");
    }

    @Test
    void inNamespacePutsIpNetnsExecInFront() {
        assertThat(Invocation.of("nft", "list", "ruleset").inNamespace("pgl1-0").command())
                .endsWith("netns", "exec", "pgl1-0", "nft", "list", "ruleset");
    }
}
