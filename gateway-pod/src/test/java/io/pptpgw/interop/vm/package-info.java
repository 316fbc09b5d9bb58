/**
 * Runs a Debian bookworm virtual machine under QEMU (TCG) on a tap device in a network namespace, so that real
 * PPTP peers (pptp-linux + pppd, pptpd) can be tested against ours: the cached image, the VM, its commands.
 */
package io.pptpgw.interop.vm;
