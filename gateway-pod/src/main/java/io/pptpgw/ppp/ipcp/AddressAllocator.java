package io.pptpgw.ppp.ipcp;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * Where the server's IPCP gets the client's address. The link allocates once it enters the Network phase (after
 * authentication, so a failed login never consumes an address) and releases when it goes down.
 */
public interface AddressAllocator {
    /** A free address for {@code user}, or empty when the pool is exhausted. */
    Optional<Inet4Address> allocate(String user);

    void release(Inet4Address address);
}
