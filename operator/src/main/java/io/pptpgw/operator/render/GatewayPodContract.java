package io.pptpgw.operator.render;

import java.util.List;

/**
 * What the operator and the gateway pod agree on: where the config and the users are mounted, the gateway's
 * arguments, and the environment it reads. The gateway image runs {@code gateway} with these arguments.
 */
public final class GatewayPodContract {
    public static final String CONFIG_DIR = "/etc/pptpgw/config";
    public static final String GATEWAY_YAML = "gateway.yaml";
    public static final String NODE_POOLS_YAML = "node-pools.yaml";
    public static final String USERS_DIR = "/etc/pptpgw/users";
    public static final String TUN_DEVICE = "/dev/net/tun";
    public static final String NODE_NAME_ENV = "NODE_NAME";
    public static final String CONTAINER_NAME = "gateway";

    /** The container's arguments; the image's entrypoint dispatches on the first. */
    public static final List<String> ARGS = List.of(
            "gateway",
            "--config",
            CONFIG_DIR + "/" + GATEWAY_YAML,
            "--node-pools",
            CONFIG_DIR + "/" + NODE_POOLS_YAML,
            "--users",
            USERS_DIR);

    private GatewayPodContract() {}
}
