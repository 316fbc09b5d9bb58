package io.pptpgw.operator.render;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.plan.GatewayPlan;
import io.pptpgw.operator.spec.SpecDefaults;
import java.util.List;
import java.util.Map;

/**
 * The gateway DaemonSet: one host-network pod per selected node, with only NET_ADMIN and NET_RAW, the TUN device,
 * the config and the users Secret mounted read-only, no service-account token, readiness from the gateway's
 * /readyz (listener up, rules programmed), and a rolling update one node at a time. Nodes the plan excludes
 * (taken by an earlier gateway, or left without a sub-pool) are kept out by node affinity.
 */
public final class GatewayDaemonSetRenderer {
    static final String CONFIG_VOLUME = "config";
    static final String USERS_VOLUME = "users";
    static final String TUN_VOLUME = "tun";
    static final String TMP_VOLUME = "tmp";

    private GatewayDaemonSetRenderer() {}

    public static DaemonSet render(PptpGateway gateway, GatewayPlan plan) {
        return new DaemonSetBuilder()
                .withMetadata(Owners.metadata(gateway, ObjectNames.daemonSet(gateway)))
                .withNewSpec()
                .withNewSelector()
                .withMatchLabels(GatewayLabels.selector(gateway))
                .endSelector()
                .withNewUpdateStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                // Host-network pods bind the node's ports: a surge pod could not start next to the old one.
                .withMaxUnavailable(new IntOrString(1))
                .withMaxSurge(new IntOrString(0))
                .endRollingUpdate()
                .endUpdateStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(GatewayLabels.all(gateway))
                .withAnnotations(Map.of(ConfigHash.ANNOTATION, ConfigHash.of(gateway)))
                .endMetadata()
                .withSpec(podSpec(gateway, plan))
                .endTemplate()
                .endSpec()
                .build();
    }

    static PodSpec podSpec(PptpGateway gateway, GatewayPlan plan) {
        return new PodSpecBuilder()
                .withHostNetwork(true)
                .withDnsPolicy("ClusterFirstWithHostNet")
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withTerminationGracePeriodSeconds(30L)
                // Empty collections are left out: the API server drops them, and server-side apply would then see a
                // difference on every reconcile and rewrite the DaemonSet forever.
                .withNodeSelector(nullIfEmpty(SpecDefaults.nodeSelector(gateway.getSpec())))
                .withTolerations(nullIfEmpty(SpecDefaults.tolerations(gateway.getSpec())))
                .withAffinity(exclusion(plan))
                .withContainers(container(gateway, plan))
                .withVolumes(volumes(gateway))
                .build();
    }

    /**
     * Keeps the pods off the excluded nodes. The API server allows one value per node field selector
     * ({@code metadata.name NotIn [x]}), so each excluded node is its own requirement; requirements of one term are
     * ANDed, which excludes them all.
     */
    static Affinity exclusion(GatewayPlan plan) {
        if (plan.excludedNodes().isEmpty()) {
            return null;
        }
        List<NodeSelectorRequirement> notOn = plan.excludedNodes().stream()
                .map(node -> new NodeSelectorRequirementBuilder()
                        .withKey("metadata.name")
                        .withOperator("NotIn")
                        .withValues(node)
                        .build())
                .toList();
        return new AffinityBuilder()
                .withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm()
                .withMatchFields(notOn)
                .endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity()
                .build();
    }

    private static <K, V> Map<K, V> nullIfEmpty(Map<K, V> map) {
        return map.isEmpty() ? null : map;
    }

    private static <T> List<T> nullIfEmpty(List<T> list) {
        return list.isEmpty() ? null : list;
    }

    static Container container(PptpGateway gateway, GatewayPlan plan) {
        int listenPort = SpecDefaults.listenPort(gateway.getSpec());
        int metricsPort = SpecDefaults.metricsPort(gateway.getSpec());
        return new ContainerBuilder()
                .withName(GatewayPodContract.CONTAINER_NAME)
                .withImage(plan.image())
                .withImagePullPolicy("IfNotPresent")
                .withArgs(GatewayPodContract.ARGS)
                .addNewEnv()
                .withName(GatewayPodContract.NODE_NAME_ENV)
                .withNewValueFrom()
                .withNewFieldRef()
                .withApiVersion("v1") // the API server's default, spelled out so server-side apply sees no change
                .withFieldPath("spec.nodeName")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .withPorts(port("pptp", listenPort), port("metrics", metricsPort))
                .withReadinessProbe(probe("/readyz", metricsPort, 5, 2))
                .withLivenessProbe(probe("/healthz", metricsPort, 10, 3))
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")))
                .endResources()
                .withSecurityContext(securityContext())
                .withVolumeMounts(mounts())
                .build();
    }

    /** Host network: the container port is the node's port, stated as both so the API server adds nothing. */
    static ContainerPort port(String name, int number) {
        return new ContainerPortBuilder()
                .withName(name)
                .withContainerPort(number)
                .withHostPort(number)
                .withProtocol("TCP")
                .build();
    }

    static SecurityContext securityContext() {
        return new SecurityContextBuilder()
                // Capabilities given to a non-root user are not effective in Kubernetes (no ambient set), so
                // the gateway runs as UID 0 with every capability dropped but the two it needs.
                .withRunAsUser(0L)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .withAdd("NET_ADMIN", "NET_RAW")
                .endCapabilities()
                .build();
    }

    static Probe probe(String path, int port, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(path)
                .withPort(new IntOrString(port))
                .withScheme("HTTP")
                .endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(2)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    static List<VolumeMount> mounts() {
        return List.of(
                mount(CONFIG_VOLUME, GatewayPodContract.CONFIG_DIR, true),
                mount(USERS_VOLUME, GatewayPodContract.USERS_DIR, true),
                mount(TUN_VOLUME, GatewayPodContract.TUN_DEVICE, false),
                mount(TMP_VOLUME, "/tmp", false));
    }

    private static VolumeMount mount(String name, String path, boolean readOnly) {
        return new VolumeMountBuilder()
                .withName(name)
                .withMountPath(path)
                .withReadOnly(readOnly ? true : null)
                .build();
    }

    static List<Volume> volumes(PptpGateway gateway) {
        return List.of(
                new VolumeBuilder()
                        .withName(CONFIG_VOLUME)
                        .withNewConfigMap()
                        .withName(ObjectNames.configMap(gateway))
                        .endConfigMap()
                        .build(),
                new VolumeBuilder()
                        .withName(USERS_VOLUME)
                        .withNewSecret()
                        .withSecretName(gateway.getSpec()
                                .authentication()
                                .usersSecretRef()
                                .name())
                        .withDefaultMode(0400)
                        .endSecret()
                        .build(),
                new VolumeBuilder()
                        .withName(TUN_VOLUME)
                        .withNewHostPath()
                        .withPath(GatewayPodContract.TUN_DEVICE)
                        .withType("CharDevice")
                        .endHostPath()
                        .build(),
                new VolumeBuilder()
                        .withName(TMP_VOLUME)
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .build());
    }
}
