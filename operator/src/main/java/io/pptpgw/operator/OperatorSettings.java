package io.pptpgw.operator;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's settings, read from its environment (the Helm chart sets them).
 *
 * @param image the gateway image: the operator's own, unless a gateway's spec names another ({@code PPTPGW_IMAGE})
 * @param namespaces namespaces to watch; empty watches all ({@code PPTPGW_WATCH_NAMESPACES}, comma-separated)
 * @param leaseNamespace where the leader-election Lease lives; empty turns leader election off
 *     ({@code PPTPGW_LEADER_ELECTION_NAMESPACE}, else {@code POD_NAMESPACE})
 * @param healthPort port of /healthz, /readyz and /metrics ({@code PPTPGW_HEALTH_PORT}, default 8080)
 */
public record OperatorSettings(String image, Set<String> namespaces, Optional<String> leaseNamespace, int healthPort) {
    public static final String LEASE_NAME = "pptpgw-operator";
    static final int DEFAULT_HEALTH_PORT = 8080;

    public OperatorSettings {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("PPTPGW_IMAGE is not set: gateway pods run the operator's own image,"
                    + " so the operator must know it (the Helm chart sets it)");
        }
        namespaces = Set.copyOf(namespaces);
    }

    public static OperatorSettings fromEnvironment(Map<String, String> env) {
        Set<String> namespaces = Arrays.stream(
                        env.getOrDefault("PPTPGW_WATCH_NAMESPACES", "").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        Optional<String> lease = Optional.ofNullable(env.get("PPTPGW_LEADER_ELECTION_NAMESPACE"))
                .or(() -> Optional.ofNullable(env.get("POD_NAMESPACE")))
                .filter(s -> !s.isBlank());
        String port = env.getOrDefault("PPTPGW_HEALTH_PORT", String.valueOf(DEFAULT_HEALTH_PORT));
        try {
            return new OperatorSettings(env.get("PPTPGW_IMAGE"), namespaces, lease, Integer.parseInt(port.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PPTPGW_HEALTH_PORT \"" + port + "\" is not a port number", e);
        }
    }
}
