package io.pptpgw.operator.render;

import io.pptpgw.api.v1alpha1.PptpGateway;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The pod-template annotation that rolls the gateway pods when their configuration changes: a hash of
 * {@code gateway.yaml} and the users Secret's name. {@code node-pools.yaml} is left out on purpose: a node joining
 * adds a line for that node only, and restarting every gateway (dropping every session) for it would be wrong; the
 * pods read their own node's line from the mounted file, which the kubelet keeps current.
 */
public final class ConfigHash {
    public static final String ANNOTATION = "pptpgw.io/config-hash";

    private ConfigHash() {}

    public static String of(PptpGateway gateway) {
        String users = gateway.getSpec().authentication() == null
                        || gateway.getSpec().authentication().usersSecretRef() == null
                ? ""
                : gateway.getSpec().authentication().usersSecretRef().name();
        String input = GatewayConfigRenderer.gatewayYaml(gateway) + "\0usersSecret=" + users;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
