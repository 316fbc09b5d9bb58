package io.pptpgw.e2e.kind;

import io.pptpgw.e2e.testing.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The manifests under e2e-tests/kind/manifests/. run.sh applies namespace.yaml, users-secret.yaml and gateway.yaml
 * as they are; the E2E test creates the pods, whose {@code ${NAME}} placeholders it fills in first.
 */
public final class E2eManifests {
    public static final String NAMESPACE = "namespace.yaml";
    public static final String USERS_SECRET = "users-secret.yaml";
    public static final String GATEWAY = "gateway.yaml";
    public static final String WEB_SERVER = "web-server.yaml";
    public static final String CLIENT_POD = "client-pod.yaml";
    public static final String NFT_PROBE_POD = "nft-probe-pod.yaml";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

    private E2eManifests() {}

    /** The manifest as it is in the repository. */
    public static String read(String name) {
        try {
            return Files.readString(RepositoryFiles.manifest(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest with every placeholder filled in; fails naming a placeholder {@code values} lacks. */
    public static String filled(String name, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(read(name));
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException(name + " needs a value for ${" + matcher.group(1) + "}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The client pod dialling {@code gatewayAddress}, fetching from {@code webAddress}. */
    public static String clientPod(String clientImage, String gatewayAddress, String webAddress) {
        return filled(
                CLIENT_POD,
                Map.of(
                        "CLIENT_IMAGE",
                        clientImage,
                        "GATEWAY_NODE_ADDRESS",
                        gatewayAddress,
                        "WEB_POD_ADDRESS",
                        webAddress));
    }

    public static String webServer(String clientImage) {
        return filled(WEB_SERVER, Map.of("CLIENT_IMAGE", clientImage));
    }

    /** The pod that lists {@code node}'s nftables tables with the pptpgw image. */
    public static String nftProbe(String pptpgwImage, String node) {
        return filled(NFT_PROBE_POD, Map.of("PPTPGW_IMAGE", pptpgwImage, "NODE_NAME", node));
    }
}
