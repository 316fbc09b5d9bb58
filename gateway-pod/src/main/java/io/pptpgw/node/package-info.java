/**
 * Programs the node for one gateway: its nftables table built from the config, fwmark policy routing for its WANs
 * and IP forwarding; applies them, checks them for drift, repairs them, and removes exactly what it added.
 */
package io.pptpgw.node;
