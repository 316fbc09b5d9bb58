package io.pptpgw.session;

import io.pptpgw.config.Wan;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which WAN a client dialled, by the local address its control connection reached: the WAN whose interface holds
 * that address. The session's GRE then carries that WAN's mark, so policy routing sends it back the way the client
 * came even when the gateway speaks first (before conntrack has seen the client's GRE).
 */
public final class WanMarks {
    private static final Logger log = LoggerFactory.getLogger(WanMarks.class);

    private final List<Wan> wans;

    public WanMarks(List<Wan> wans) {
        this.wans = List.copyOf(wans);
    }

    /** The fwmark for sessions that reached us at {@code localAddress}, or 0 when it belongs to no WAN. */
    public int markFor(InetAddress localAddress) {
        for (Wan wan : wans) {
            if (holds(wan.interfaceName().name(), localAddress)) {
                return (int) wan.mark().value();
            }
        }
        return 0;
    }

    private static boolean holds(String interfaceName, InetAddress address) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(interfaceName);
            return nic != null && nic.inetAddresses().anyMatch(address::equals);
        } catch (SocketException e) {
            log.warn("cannot read the addresses of WAN interface {}: {}", interfaceName, e.getMessage());
            return false;
        }
    }
}
