package io.pptpgw.config;

import io.pptpgw.net.Cidr;
import io.pptpgw.net.InterfaceName;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.net.Port;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Everything one gateway process needs, validated: a {@code GatewayConfig} that exists obeys every rule of
 * {@link ConfigRules} (the constructor checks them all and throws {@link InvalidConfigException} listing every
 * problem). Build one from YAML with {@link GatewayConfigLoader}.
 *
 * @param name the PptpGateway's {@code metadata.name}; names the nft table {@code inet pptpgw_<name>}
 * @param clientPool the addresses this node hands out: its sub-pool in Kubernetes, the whole pool standalone
 * @param mtu the PPP MTU/MRU offered to clients and the TUN's MTU
 * @param masquerade whether client traffic is source-NATed out of the WANs
 * @param tunnelInterface the TUN device carrying the client pool
 */
public record GatewayConfig(
        String name,
        Listen listen,
        Cidr clientPool,
        List<Ipv4Address> dns,
        int mtu,
        MssClamping mssClamping,
        Authentication authentication,
        boolean masquerade,
        List<Wan> wans,
        Passthrough passthrough,
        Limits limits,
        Keepalive keepalive,
        Port metricsPort,
        InterfaceName tunnelInterface) {

    public GatewayConfig {
        requireNonNull(
                "gateway config",
                name,
                listen,
                clientPool,
                dns,
                mssClamping,
                authentication,
                wans,
                passthrough,
                limits,
                keepalive,
                metricsPort,
                tunnelInterface);
        dns = List.copyOf(dns);
        wans = List.copyOf(wans);
        List<String> problems = ConfigRules.all(
                name,
                listen,
                clientPool,
                dns,
                mtu,
                mssClamping,
                authentication,
                wans,
                passthrough,
                limits,
                keepalive,
                metricsPort,
                tunnelInterface);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException("gateway config " + name, problems);
        }
    }

    /**
     * The TUN name used when {@code spec.tunnelInterface} is absent: {@code pptp-<name>} when that fits in 15
     * characters, else {@code pptp-} + the name's first 4 characters + {@code -} + 5 hex digits of its CRC-32, so
     * two gateways on one node get different devices.
     */
    public static InterfaceName defaultTunnelInterface(String gatewayName) {
        String simple = "pptp-" + gatewayName;
        if (simple.length() <= InterfaceName.MAX_LENGTH) {
            return InterfaceName.of(simple);
        }
        CRC32 crc = new CRC32();
        crc.update(gatewayName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String hash = String.format("%05x", crc.getValue() & 0xFFFFF);
        return InterfaceName.of("pptp-" + gatewayName.substring(0, 4) + "-" + hash);
    }

    static void requireNonNull(String what, Object... components) {
        for (Object component : components) {
            if (component == null) {
                throw new IllegalArgumentException(what + " has a missing (null) component");
            }
        }
    }
}
