package io.pptpgw.operator.plan;

import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.api.v1alpha1.PptpGatewaySpec;
import io.pptpgw.operator.pool.Ipv4Cidr;
import io.pptpgw.operator.spec.SpecDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The checks the CRD schema cannot make (the Secret must exist) or that a cluster with an older CRD might have
 * let through. Each problem names the field, its value and the rule.
 */
public final class SpecChecks {
    private SpecChecks() {}

    /** @param secretExists whether a Secret of that name exists in the gateway's namespace */
    public static List<String> problems(PptpGateway gateway, Predicate<String> secretExists) {
        PptpGatewaySpec spec = gateway.getSpec();
        List<String> problems = new ArrayList<>();
        if (spec == null) {
            return List.of("spec is missing");
        }
        checkPool(spec, problems);
        if (spec.authentication() == null || spec.authentication().usersSecretRef() == null) {
            problems.add("authentication.usersSecretRef.name is required");
        } else {
            String secret = spec.authentication().usersSecretRef().name();
            if (!secretExists.test(secret)) {
                problems.add("authentication.usersSecretRef.name: Secret %s/%s does not exist"
                        .formatted(gateway.getMetadata().getNamespace(), secret));
            }
        }
        if (SpecDefaults.metricsPort(spec) == SpecDefaults.listenPort(spec)) {
            problems.add("metrics.port %d must differ from listen.port".formatted(SpecDefaults.metricsPort(spec)));
        }
        return List.copyOf(problems);
    }

    private static void checkPool(PptpGatewaySpec spec, List<String> problems) {
        if (spec.clientPool() == null) {
            problems.add("clientPool.cidr is required");
            return;
        }
        Ipv4Cidr cidr;
        try {
            cidr = Ipv4Cidr.parse(spec.clientPool().cidr());
        } catch (IllegalArgumentException e) {
            problems.add("clientPool.cidr: " + e.getMessage());
            return;
        }
        if (cidr.hasHostBits()) {
            problems.add("clientPool.cidr %s has host bits set; the network is %s".formatted(cidr, cidr.network()));
        }
        int perNode = SpecDefaults.perNodePrefixLength(spec);
        if (perNode < cidr.prefixLength() || perNode > 32) {
            problems.add(
                    "clientPool.perNodePrefixLength %d must be between the prefix length of clientPool.cidr %s and 32"
                            .formatted(perNode, cidr));
        }
    }
}
