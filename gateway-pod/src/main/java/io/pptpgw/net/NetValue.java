package io.pptpgw.net;

/**
 * A network value that was validated when it was made, so it can be written into an nft script or passed to
 * {@code ip} without further checks. Renderers switch over this sealed type exhaustively.
 */
public sealed interface NetValue permits Ipv4Address, Cidr, InterfaceName, FwMark, Port, RoutingTable {}
