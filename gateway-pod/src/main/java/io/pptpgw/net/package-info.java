/**
 * Validated network values (addresses, prefixes, interface names, marks, ports, routing tables) that are safe to
 * render into an nft script or an {@code ip} command, and the runner that executes those commands, optionally
 * inside a network namespace.
 */
package io.pptpgw.net;
