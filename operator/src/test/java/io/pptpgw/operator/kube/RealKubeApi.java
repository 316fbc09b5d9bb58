package io.pptpgw.operator.kube;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real kube-apiserver backed by a real etcd (Fabric8 kube-api-test), started once for the whole test run and
 * stopped when JUnit closes its root store. Test methods and lifecycle methods can take a {@link KubernetesClient}
 * or the {@link RealKubeApi.Server} (for its kubeconfig) as a parameter. There are no controllers and no kubelet:
 * the tests play the DaemonSet controller and the kubelet themselves.
 */
public final class RealKubeApi implements ParameterResolver {
    /** The running server and an admin client for it. */
    public record Server(KubeAPIServer apiServer, KubernetesClient client, Path kubeconfig) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            apiServer.stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KubernetesClient.class || type == Server.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Server server = context.getRoot()
                .getStore(ExtensionContext.Namespace.create(RealKubeApi.class))
                .computeIfAbsent(Server.class, ignored -> start(), Server.class);
        return parameter.getParameter().getType() == Server.class ? server : server.client();
    }

    private static Server start() {
        KubeApiBinaries.ensure();
        KubeAPIServer apiServer = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(KubeApiBinaries.testDir().toString())
                .withApiServerVersion(KubeApiBinaries.VERSION)
                .withOfflineMode(true)
                .withStartupTimeout(120_000)
                .build());
        apiServer.start();
        String kubeconfig = apiServer.getKubeConfigYaml();
        try {
            Path file = Files.createTempFile("pptpgw-kubeconfig", ".yaml");
            Files.writeString(file, kubeconfig);
            file.toFile().deleteOnExit();
            KubernetesClient client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(kubeconfig))
                    .build();
            return new Server(apiServer, client, file);
        } catch (IOException e) {
            apiServer.stop();
            throw new UncheckedIOException(e);
        }
    }
}
