/**
 * Interop with PPTP peers no one here wrote: pptp-linux + pppd and pptpd in a QEMU VM (package {@code vm}),
 * the scenario builders that configure them, checksummed transfers, and the {@code *InteropTest}s.
 */
package io.pptpgw.interop;
