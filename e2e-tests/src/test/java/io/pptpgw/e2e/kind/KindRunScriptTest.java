package io.pptpgw.e2e.kind;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.e2e.cluster.E2eSettings;
import io.pptpgw.e2e.testing.RepositoryFiles;
import io.pptpgw.e2e.testing.ScriptRun;
import io.pptpgw.e2e.testing.StubCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kind/run.sh with stand-ins for modprobe, kind, docker, helm, kubectl and mvn (none of which can run here: there
 * is no Docker engine): it loads the kernel modules first, creates the cluster, builds and loads both images,
 * installs the chart with the image it built, creates the gateway from the manifests, runs the E2E tests with the
 * settings they read, and deletes the cluster, also when a step fails (after printing diagnostics).
 */
class KindRunScriptTest {
    static final Path SCRIPT = RepositoryFiles.kind().resolve("run.sh");

    @TempDir
    Path work;

    StubCommands stubs(String mvnBody) throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        return new StubCommands(bin)
                .add("sudo", "exec \"$@\"")
                .add("modprobe")
                .add("apt-get")
                .add("kind")
                .add("docker")
                .add("helm")
                .add("kubectl")
                .add("mvn", mvnBody);
    }

    ScriptRun run(StubCommands stubs, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("PATH", stubs.path());
        env.put("TMPDIR", work.toString());
        return ScriptRun.run(work, env, List.of("bash", SCRIPT.toString()));
    }

    @Test
    void runsEveryStepInOrderAndDeletesTheCluster() throws Exception {
        StubCommands stubs = stubs("exit 0");
        Path root = RepositoryFiles.root();
        Path kind = RepositoryFiles.kind();

        ScriptRun run = run(stubs, Map.of());
        List<String> calls =
                stubs.calls().stream().filter(c -> !c.startsWith("sudo ")).toList();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(calls).hasSize(12);
        assertThat(calls.get(0)).isEqualTo("modprobe -a ppp_generic ppp_mppe nf_conntrack_pptp");
        assertThat(calls.get(1))
                .startsWith("kind create cluster --name pptpgw-e2e --config " + kind.resolve("cluster.yaml"));
        assertThat(calls.get(2)).startsWith("docker build -t pptpgw:e2e ").endsWith(" " + root);
        assertThat(calls.get(3)).isEqualTo("docker build -t pptpgw-e2e-client:e2e " + kind.resolve("client"));
        assertThat(calls.get(4)).isEqualTo("kind load docker-image --name pptpgw-e2e pptpgw:e2e pptpgw-e2e-client:e2e");
        assertThat(calls.get(5))
                .startsWith("helm install pptpgw-operator " + RepositoryFiles.chart())
                .contains("--namespace pptpgw-system --create-namespace")
                .contains("--set image.repository=pptpgw --set image.tag=e2e");
        assertThat(calls.get(6)).isEqualTo("kubectl label node pptpgw-e2e-worker pptpgw.io/gateway=true --overwrite");
        assertThat(calls.subList(7, 10))
                .containsExactly(
                        "kubectl apply -f " + RepositoryFiles.manifest(E2eManifests.NAMESPACE),
                        "kubectl apply -f " + RepositoryFiles.manifest(E2eManifests.USERS_SECRET),
                        "kubectl apply -f " + RepositoryFiles.manifest(E2eManifests.GATEWAY));
        assertThat(calls.get(10))
                .startsWith("mvn -B -pl e2e-tests -am verify -Pe2e -Dtest=*E2E")
                .contains("-D" + E2eSettings.KUBECONFIG + "=")
                .contains("-D" + E2eSettings.IMAGE + "=pptpgw:e2e")
                .contains("-D" + E2eSettings.CLIENT_IMAGE + "=pptpgw-e2e-client:e2e")
                .contains("-D" + E2eSettings.GATEWAY_NODE + "=pptpgw-e2e-worker")
                .contains("-D" + E2eSettings.NAMESPACE + "=vpn");
        assertThat(calls.get(11)).isEqualTo("kind delete cluster --name pptpgw-e2e");
    }

    @Test
    void everyFileTheScriptHandsToATool() throws Exception {
        StubCommands stubs = stubs("exit 0");
        run(stubs, Map.of());

        List<Path> files = stubs.calls().stream()
                .flatMap(call -> List.of(call.split(" ")).stream())
                .filter(word -> word.startsWith(RepositoryFiles.root().toString()))
                .map(Path::of)
                .toList();

        assertThat(files)
                .contains(
                        RepositoryFiles.kind().resolve("cluster.yaml"),
                        RepositoryFiles.root(),
                        RepositoryFiles.kind().resolve("client"),
                        RepositoryFiles.chart())
                .allSatisfy(file -> assertThat(file).exists());
        assertThat(RepositoryFiles.root().resolve("Dockerfile")).isRegularFile();
        assertThat(RepositoryFiles.kind().resolve("client/Dockerfile")).isRegularFile();
    }

    @Test
    void aFailedStepPrintsDiagnosticsExportsLogsAndStillDeletesTheCluster() throws Exception {
        StubCommands stubs = stubs("exit 1");
        Path artifacts = work.resolve("kind-logs");

        ScriptRun run = run(stubs, Map.of("PPTPGW_E2E_ARTIFACTS", artifacts.toString()));
        List<String> calls = stubs.calls();

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("==> diagnostics");
        assertThat(calls)
                .contains(
                        "kubectl get pods -A -o wide",
                        "kubectl -n pptpgw-system logs deploy/pptpgw-operator --tail=300",
                        "kind export logs " + artifacts + " --name pptpgw-e2e")
                .last()
                .isEqualTo("kind delete cluster --name pptpgw-e2e");
    }

    @Test
    void keepLeavesTheClusterForDebugging() throws Exception {
        StubCommands stubs = stubs("exit 0");

        ScriptRun run = run(stubs, Map.of("PPTPGW_E2E_KEEP", "true"));

        assertThat(run.exitCode()).isZero();
        assertThat(stubs.calls()).noneMatch(call -> call.startsWith("kind delete"));
        assertThat(run.output()).contains("keeping cluster pptpgw-e2e");
    }

    @Test
    void missingModulesAreInstalledFromTheKernelsExtraPackage() throws Exception {
        StubCommands stubs = stubs("exit 0");
        Path flag = work.resolve("modules-installed");
        stubs.add("modprobe", "[ -e '" + flag + "' ]").add("apt-get", "touch '" + flag + "'");

        ScriptRun run = run(stubs, Map.of());
        Optional<String> install =
                stubs.calls().stream().filter(c -> c.startsWith("apt-get")).findFirst();

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(install)
                .hasValueSatisfying(c -> assertThat(c).startsWith("apt-get install -y linux-modules-extra-"));
        assertThat(stubs.calls().stream().filter(c -> c.startsWith("modprobe"))).hasSize(2);
    }

    @Test
    void theDefaultsOfTheE2eSettingsAreTheScriptsOwn() {
        E2eSettings defaults = E2eSettings.from(Map.of());

        assertThat(defaults.namespace()).isEqualTo("vpn");
        assertThat(defaults.gatewayNode()).isEqualTo("pptpgw-e2e-worker");
        assertThat(defaults.image()).isEqualTo("pptpgw:e2e");
        assertThat(defaults.clientImage()).isEqualTo("pptpgw-e2e-client:e2e");
        assertThat(E2eManifests.read(E2eManifests.GATEWAY))
                .contains("name: " + defaults.gatewayName())
                .contains("namespace: " + defaults.namespace());
    }
}
