package io.pptpgw.tun;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.pptpgw.sys.Libc;
import io.pptpgw.sys.NativeException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures a network interface in the calling thread's namespace: MTU, IPv4 address and netmask, and up, by
 * ioctl on a datagram socket (the interface's own netdevice ioctls); routes by {@code ip route replace}, which is
 * idempotent, where the ioctl interface (SIOCADDRT) is not. IPv6 is turned off before the interface goes up: a
 * tunnel carries IPv4 alone, and with IPv6 on the kernel would send router solicitations and MLD reports into it.
 */
final class InterfaceControl {
    private static final Logger log = LoggerFactory.getLogger(InterfaceControl.class);
    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCSIFFLAGS = 0x8914;
    static final long SIOCSIFADDR = 0x8916;
    static final long SIOCSIFNETMASK = 0x891c;
    static final long SIOCSIFMTU = 0x8922;
    static final short IFF_UP = 0x1;
    /* struct sockaddr_in inside ifr_addr: sin_family (host order) at 0, sin_addr (network order) at 4. */
    private static final long SIN_ADDR = 4;

    private InterfaceControl() {}

    static void configure(TunSettings settings) throws IOException {
        int socket = Libc.check("socket", Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0));
        try (Arena arena = Arena.ofConfined()) {
            String name = settings.name();
            MemorySegment request = LinuxTunDevice.ifreq(arena, name);
            request.set(JAVA_INT, LinuxTunDevice.IFR_IFRU, settings.mtu());
            ioctl(socket, SIOCSIFMTU, request, "SIOCSIFMTU", "MTU " + settings.mtu() + " of " + name);
            if (settings.address() != null) {
                setAddress(
                        socket,
                        request,
                        SIOCSIFADDR,
                        "SIOCSIFADDR",
                        settings.address().address(),
                        settings);
                setAddress(
                        socket,
                        request,
                        SIOCSIFNETMASK,
                        "SIOCSIFNETMASK",
                        settings.address().netmask(),
                        settings);
            }
            disableIpv6(name);
            ioctl(socket, SIOCGIFFLAGS, request, "SIOCGIFFLAGS", "flags of " + name);
            request.set(JAVA_SHORT, LinuxTunDevice.IFR_IFRU, (short)
                    (request.get(JAVA_SHORT, LinuxTunDevice.IFR_IFRU) | IFF_UP));
            ioctl(socket, SIOCSIFFLAGS, request, "SIOCSIFFLAGS", "up " + name);
        } finally {
            Libc.close(socket);
        }
        for (Ipv4Prefix route : settings.routes()) {
            replaceRoute(route.network(), settings.name());
        }
    }

    /**
     * Turns IPv6 off on the interface. /proc/sys/net is the calling thread's namespace's. Where it is read-only (a
     * container) IPv6 stays on; the data path then drops what the kernel sends and counts it as not IPv4.
     */
    private static void disableIpv6(String name) {
        Path setting = Path.of("/proc/sys/net/ipv6/conf", name, "disable_ipv6");
        if (!Files.exists(setting)) {
            return; // no IPv6 in this kernel or namespace: nothing to turn off
        }
        try {
            Files.writeString(setting, "1");
        } catch (IOException e) {
            log.info(
                    "IPv6 stays on for {}: cannot write {} ({}); the IPv6 packets the kernel sends on it are dropped"
                            + " and counted (tun/not_ipv4)",
                    name,
                    setting,
                    e.toString());
        }
    }

    private static void setAddress(
            int socket, MemorySegment request, long ioctl, String ioctlName, int address, TunSettings settings)
            throws NativeException {
        MemorySegment sockaddr = request.asSlice(LinuxTunDevice.IFR_IFRU, 16);
        sockaddr.fill((byte) 0);
        sockaddr.set(JAVA_SHORT, 0, (short) Libc.AF_INET);
        sockaddr.set(JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN), SIN_ADDR, address);
        ioctl(socket, ioctl, request, ioctlName, "address " + settings.address() + " of " + settings.name());
    }

    private static void ioctl(int socket, long request, MemorySegment ifreq, String requestName, String subject)
            throws NativeException {
        if (Libc.ioctl(socket, request, ifreq) < 0) {
            throw new NativeException("ioctl(" + requestName + ")", Libc.errno(), subject);
        }
    }

    private static void replaceRoute(Ipv4Prefix network, String device) throws IOException {
        List<String> command = List.of("ip", "route", "replace", network.toString(), "dev", device);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException("route " + network + " to " + device + ": `" + String.join(" ", command)
                        + "` exited with " + exit + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new InterruptedIOException("interrupted while routing " + network + " to " + device);
        }
    }
}
