package io.pptpgw.session;

import io.pptpgw.net.Cidr;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.ppp.ipcp.AddressAllocator;
import java.net.Inet4Address;
import java.util.BitSet;
import java.util.Optional;

/**
 * One node's client addresses. The first usable address of the pool is the gateway's own end of every link (the TUN
 * address); the rest go to clients, one each, and come back when a link goes down. Allocation is next-fit, so a
 * released address is not handed out again until the pool has gone round once: a client that reconnects at once does
 * not collide with packets still in flight to its old address.
 *
 * <p>Thread-safe: links on different event loops allocate and release concurrently.
 */
public final class AddressPool implements AddressAllocator {
    /** Index arrays of the data path are sized by the pool; more than this per node is a configuration mistake. */
    public static final int MAXIMUM_ADDRESSES = 1 << 20;

    private final Cidr cidr;
    private final int firstClient;
    private final int clientCount;
    private final BitSet used;
    private int next;
    private int usedCount;

    public AddressPool(Cidr cidr) {
        if (cidr.size() > MAXIMUM_ADDRESSES) {
            throw new IllegalArgumentException("client pool " + cidr + " has " + cidr.size()
                    + " addresses; a node serves at most " + MAXIMUM_ADDRESSES + " (a /12)");
        }
        // RFC 3021: a /31 has no network or broadcast address; shorter prefixes lose both.
        int usable = cidr.prefixLength() >= 31 ? (int) cidr.size() : (int) cidr.size() - 2;
        int firstUsable = cidr.network().bits() + (cidr.prefixLength() >= 31 ? 0 : 1);
        if (usable < 2) {
            throw new IllegalArgumentException("client pool " + cidr + " has " + usable
                    + " usable address; the gateway needs one and each client one more");
        }
        this.cidr = cidr;
        this.firstClient = firstUsable + 1;
        this.clientCount = usable - 1;
        this.used = new BitSet(clientCount);
    }

    public Cidr cidr() {
        return cidr;
    }

    /** The gateway's own address on every link: the first usable address of the pool. */
    public Ipv4Address gatewayAddress() {
        return new Ipv4Address(firstClient - 1);
    }

    @Override
    public synchronized Optional<Inet4Address> allocate(String user) {
        if (usedCount == clientCount) {
            return Optional.empty();
        }
        int index = used.nextClearBit(next);
        if (index >= clientCount) {
            index = used.nextClearBit(0);
        }
        used.set(index);
        usedCount++;
        next = index + 1 == clientCount ? 0 : index + 1;
        return Optional.of((Inet4Address) new Ipv4Address(firstClient + index).toInetAddress());
    }

    @Override
    public synchronized void release(Inet4Address address) {
        int index = Ipv4Address.of(address).bits() - firstClient;
        if (index < 0 || index >= clientCount || !used.get(index)) {
            throw new IllegalArgumentException(address.getHostAddress() + " is not an allocated address of " + cidr);
        }
        used.clear(index);
        usedCount--;
    }

    /** Client addresses handed out. */
    public synchronized int used() {
        return usedCount;
    }

    /** Client addresses still free. */
    public synchronized int free() {
        return clientCount - usedCount;
    }

    /** How many clients the pool can serve at once. */
    public int capacity() {
        return clientCount;
    }
}
