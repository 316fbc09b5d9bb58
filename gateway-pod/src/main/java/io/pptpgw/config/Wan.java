package io.pptpgw.config;

import io.pptpgw.net.FwMark;
import io.pptpgw.net.InterfaceName;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.net.RoutingTable;

/**
 * One uplink of a multi-WAN node. Connections arriving on {@code interfaceName} carry {@code mark}, and
 * {@code ip rule fwmark mark lookup table} sends their replies to {@code gateway}, so they leave the way they came.
 */
public record Wan(String name, InterfaceName interfaceName, Ipv4Address gateway, FwMark mark, RoutingTable table) {
    public Wan {
        GatewayConfig.requireNonNull("wan", name, interfaceName, gateway, mark, table);
    }
}
