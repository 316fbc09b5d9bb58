package io.pptpgw.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code operator}: runs the PptpGateway operator until SIGTERM, then stops reconciling, releases the leader
 * Lease and exits. Configuration comes from the environment ({@link OperatorSettings}); the Kubernetes client
 * finds the cluster the usual way (in-cluster service account, or KUBECONFIG).
 */
public final class OperatorMain {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

    private OperatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        OperatorSettings settings;
        try {
            settings = OperatorSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            LOG.error("cannot start: {}", e.getMessage());
            System.exit(2);
            return;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        KubernetesClient client = new KubernetesClientBuilder().build();
        GatewayOperator operator = GatewayOperator.start(client, settings, registry);
        LOG.atInfo()
                .addKeyValue("image", settings.image())
                .addKeyValue("namespaces", settings.namespaces().isEmpty() ? "all" : settings.namespaces())
                .addKeyValue("leaderElection", settings.leaseNamespace().orElse("off"))
                .addKeyValue("healthPort", operator.healthPort())
                .log("pptpgw operator started");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("stopping: finishing in-flight reconciles");
                            operator.close();
                            client.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        stopped.await();
    }
}
