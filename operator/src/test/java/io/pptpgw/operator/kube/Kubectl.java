package io.pptpgw.operator.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real kubectl (built next to kube-apiserver) against the test API server. */
final class Kubectl {
    record Result(int exitCode, String output) {}

    private Kubectl() {}

    static Result run(RealKubeApi.Server server, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(KubeApiBinaries.directory().resolve("kubectl").toString());
        command.add("--kubeconfig=" + server.kubeconfig());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
