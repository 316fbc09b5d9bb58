package io.pptpgw.nft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pptpgw.net.RecordingCommandRunner;
import io.pptpgw.net.RecordingCommandRunner.Invocation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact argument vectors and standard input NftCli gives nft (knftables' fakeExec tests). */
class NftCliTest {
    private final RecordingCommandRunner runner = new RecordingCommandRunner();
    private final NftCli nft = new NftCli(runner);

    @Test
    void checkAndApplyPipeTheScriptToStandardInput() {
        nft.check("table inet t {\n}\n");
        nft.apply("table inet t {\n}\n");

        assertThat(runner.invocations())
                .containsExactly(
                        new Invocation(List.of("nft", "--check", "-f", "-"), "table inet t {\n}\n"),
                        new Invocation(List.of("nft", "-f", "-"), "table inet t {\n}\n"));
    }

    @Test
    void listDeleteAndJson() {
        runner.answer(List.of("nft", "list", "table"), "table inet t {\n}\n");

        assertThat(nft.listTable(Family.INET, "t")).isEqualTo("table inet t {\n}\n");
        nft.deleteTable(Family.INET, "t");
        nft.listRulesetJson();

        assertThat(runner.argvs())
                .containsExactly(
                        List.of("nft", "list", "table", "inet", "t"),
                        List.of("nft", "delete", "table", "inet", "t"),
                        List.of("nft", "-j", "list", "ruleset"));
    }

    @Test
    void aMissingTableIsNotFound() {
        runner.fail(
                List.of("nft", "list"), 1, "Error: No such file or directory\nlist table inet t\n                 ^\n");

        NftException e = catchThrowableOfType(NftException.class, () -> nft.listTable(Family.INET, "t"));

        assertThat(e.isNotFound()).isTrue();
        assertThat(e.isAlreadyExists()).isFalse();
        assertThat(e).hasMessage("nft list table inet t failed with exit code 1: Error: No such file or directory");
    }

    @Test
    void aScriptErrorNamesTheOffendingLine() {
        runner.fail(
                List.of("nft", "-f", "-"),
                1,
                "/dev/stdin:2:20-20: Error: syntax error, unexpected junk\n\tchain c { type junk\n");

        NftException e =
                catchThrowableOfType(NftException.class, () -> nft.apply("table inet t {\n\tchain c { type junk\n}\n"));

        assertThat(e)
                .hasMessage("nft -f - failed with exit code 1: /dev/stdin:2:20-20: Error: syntax error, unexpected junk"
                        + " (script line 2: chain c { type junk)");
    }

    @Test
    void anExistingObjectIsAlreadyExists() {
        runner.fail(List.of("nft", "-f", "-"), 1, "Error: Could not process rule: File exists\n");

        assertThat(catchThrowableOfType(NftException.class, () -> nft.apply("x"))
                        .isAlreadyExists())
                .isTrue();
    }

    @Test
    void featuresComeFromNftAndTheKernelOnce() {
        runner.answer(List.of("nft", "--version"), "nftables v1.1.1 (Commodore Bullmoose #2)\n");
        runner.answer(List.of("uname", "-r"), "6.12.9\n");

        assertThat(nft.features().destroy()).isTrue();
        assertThat(nft.features().destroy()).isTrue();
        assertThat(runner.argvs()).containsExactly(List.of("nft", "--version"), List.of("uname", "-r"));
    }
}
