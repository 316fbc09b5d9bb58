/**
 * The TUN device that carries the client pool's IP packets between the kernel and the gateway: the {@link
 * io.pptpgw.tun.TunDevice} seam, {@link io.pptpgw.tun.LinuxTunDevice} over /dev/net/tun (FFM), and {@link
 * io.pptpgw.tun.InMemoryTun} for tests and the in-process client.
 */
package io.pptpgw.tun;
