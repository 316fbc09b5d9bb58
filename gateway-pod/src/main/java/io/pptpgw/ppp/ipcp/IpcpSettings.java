package io.pptpgw.ppp.ipcp;

import java.net.Inet4Address;
import java.util.List;

/** IPCP's configuration for one side of a link. */
public sealed interface IpcpSettings {
    /**
     * The gateway's side.
     *
     * @param localAddress our own address on the link, sent in our IP-Address option
     * @param dnsServers zero to two servers offered as primary and secondary DNS (RFC 1877 §1.1, §1.3)
     * @param addresses where clients' addresses come from
     */
    record Server(Inet4Address localAddress, List<Inet4Address> dnsServers, AddressAllocator addresses)
            implements IpcpSettings {
        public Server {
            dnsServers = List.copyOf(dnsServers);
            if (dnsServers.size() > 2) {
                throw new IllegalArgumentException(
                        "IPCP dnsServers " + dnsServers + " has " + dnsServers.size() + " entries; RFC 1877 carries 2");
            }
        }
    }

    /** Our client's side: it asks for an address, and for DNS servers when {@code requestDns}. */
    record Client(boolean requestDns) implements IpcpSettings {}
}
