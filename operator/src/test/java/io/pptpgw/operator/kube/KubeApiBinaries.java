package io.pptpgw.operator.kube;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kube-apiserver, etcd and kubectl where Fabric8's kube-api-test looks for them
 * ({@code ~/.kubeapitest/k8s/<version>-linux-amd64/}). Nothing here downloads: when they are missing, the script
 * {@code src/test/scripts/build-kube-api-binaries.sh} builds them from source through the Go module proxy (about
 * eight minutes on two cores, once per machine). Without a Go toolchain the tests that need them are skipped with
 * that reason.
 */
final class KubeApiBinaries {
    static final String VERSION = "1.34.4";
    static final List<String> NAMES = List.of("kube-apiserver", "etcd", "kubectl");

    private KubeApiBinaries() {}

    static Path testDir() {
        String dir = System.getenv("KUBE_API_TEST_DIR");
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".kubeapitest");
    }

    static Path directory() {
        return testDir().resolve("k8s").resolve(VERSION + "-linux-amd64");
    }

    static boolean present() {
        return NAMES.stream().allMatch(name -> Files.isExecutable(directory().resolve(name)));
    }

    /** Builds the binaries if they are missing; aborts (skips) the caller when there is no Go to build with. */
    static Path ensure() {
        if (present()) {
            return directory();
        }
        if (!onPath("go") && !Files.isExecutable(Path.of("/usr/local/go/bin/go"))) {
            abort("kube-apiserver " + VERSION + " is not in " + directory() + " and there is no go on PATH to build it"
                    + " (run operator/src/test/scripts/build-kube-api-binaries.sh on a machine with Go)");
        }
        build();
        return directory();
    }

    private static void build() {
        String script =
                System.getProperty("pptpgw.kubeApiBinariesScript", "src/test/scripts/build-kube-api-binaries.sh");
        ProcessBuilder builder = new ProcessBuilder("bash", script).inheritIO();
        builder.environment().put("K8S_VERSION", VERSION);
        try {
            Process process = builder.start();
            if (!process.waitFor(40, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish in 40 minutes");
            }
            if (process.exitValue() != 0 || !present()) {
                throw new IllegalStateException(
                        script + " failed with exit code " + process.exitValue() + "; its output is above");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the kube-api-test binaries", e);
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null
                && List.of(path.split(File.pathSeparator)).stream()
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
