package io.pptpgw.e2e.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.e2e.testing.RepositoryFiles;
import io.pptpgw.e2e.testing.ScriptRun;
import io.pptpgw.e2e.testing.StubCommands;
import io.pptpgw.operator.render.GatewayPodContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's entrypoint (docker/entrypoint.sh) with a stand-in java: {@code operator} runs the operator's jar,
 * the arguments the operator's DaemonSet gives gateway pods run the gateway's CLI jar with exactly those
 * arguments, anything else goes to the CLI, and JAVA_OPTS reaches the JVM.
 */
class EntrypointScriptTest {
    static final Path SCRIPT = RepositoryFiles.root().resolve("docker/entrypoint.sh");
    static final String DEFAULTS = "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError";

    @TempDir
    Path work;

    StubCommands java;

    List<String> javaCall(Map<String, String> extra, List<String> args) throws Exception {
        java = new StubCommands(Files.createDirectories(work.resolve("jdk/bin"))).add("java");
        Map<String, String> env = new HashMap<>(extra);
        env.put("JAVA_HOME", work.resolve("jdk").toString());
        env.put("PPTPGW_HOME", "/opt/pptpgw");
        List<String> command = new ArrayList<>(List.of("/bin/sh", SCRIPT.toString()));
        command.addAll(args);
        ScriptRun run = ScriptRun.run(work, env, command);
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return java.calls();
    }

    @Test
    void operatorRunsTheOperatorsJar() throws Exception {
        assertThat(javaCall(Map.of(), List.of("operator")))
                .containsExactly("java " + DEFAULTS + " -jar /opt/pptpgw/pptpgw-operator.jar");
    }

    @Test
    void theDaemonSetsArgumentsRunTheGatewayWithThemUnchanged() throws Exception {
        assertThat(javaCall(Map.of(), GatewayPodContract.ARGS))
                .containsExactly(
                        "java " + DEFAULTS + " --enable-native-access=ALL-UNNAMED -jar /opt/pptpgw/pptpgw-gateway.jar "
                                + String.join(" ", GatewayPodContract.ARGS));
        assertThat(GatewayPodContract.ARGS.getFirst()).isEqualTo("gateway");
    }

    @Test
    void otherCommandsGoToThePptpgwCommandLine() throws Exception {
        assertThat(javaCall(Map.of(), List.of("doctor", "--table", "pptpgw_office")))
                .containsExactly(
                        "java " + DEFAULTS
                                + " --enable-native-access=ALL-UNNAMED -jar /opt/pptpgw/pptpgw-gateway.jar doctor --table pptpgw_office");
    }

    @Test
    void javaOptsReachTheJvmBeforeTheJar() throws Exception {
        assertThat(javaCall(Map.of("JAVA_OPTS", "-Xmx96m -Dfoo=bar"), List.of("operator")))
                .containsExactly("java " + DEFAULTS + " -Xmx96m -Dfoo=bar -jar /opt/pptpgw/pptpgw-operator.jar");
    }
}
