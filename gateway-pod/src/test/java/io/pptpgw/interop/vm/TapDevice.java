package io.pptpgw.interop.vm;

import java.time.Duration;

/** The VM's tap device inside its namespace: persistent, so it exists before QEMU opens it and after it exits. */
final class TapDevice {

    private static final Duration IP_TIMEOUT = Duration.ofSeconds(20);

    private TapDevice() {}

    /** Creates and configures the tap; a stale one of the same name (from a killed run) is removed first. */
    static void create(VmNetwork network) {
        String ns = network.namespace();
        String tap = network.tapName();
        HostCommand.run(IP_TIMEOUT, "ip", "-n", ns, "link", "del", tap);
        HostCommand.check(IP_TIMEOUT, "ip", "-n", ns, "tuntap", "add", "dev", tap, "mode", "tap");
        HostCommand.check(IP_TIMEOUT, "ip", "-n", ns, "link", "set", tap, "mtu", Integer.toString(network.mtu()));
        network.tapAddress()
                .ifPresent(
                        address -> HostCommand.check(IP_TIMEOUT, "ip", "-n", ns, "addr", "add", address, "dev", tap));
        network.bridge()
                .ifPresent(
                        bridge -> HostCommand.check(IP_TIMEOUT, "ip", "-n", ns, "link", "set", tap, "master", bridge));
        HostCommand.check(IP_TIMEOUT, "ip", "-n", ns, "link", "set", tap, "up");
    }

    /** Removes the tap; quiet when it (or its whole namespace) is already gone. */
    static void delete(VmNetwork network) {
        HostCommand.run(IP_TIMEOUT, "ip", "-n", network.namespace(), "link", "del", network.tapName());
    }
}
