package io.pptpgw.ppp;

import io.pptpgw.ppp.ipcp.AddressAllocator;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A tiny address pool that remembers who took and gave back what. */
public final class Pool implements AddressAllocator {
    private final Deque<Inet4Address> free = new ArrayDeque<>();
    public final List<String> log = new ArrayList<>();

    public Pool(String... addresses) {
        for (String address : addresses) {
            free.add(address(address));
        }
    }

    @Override
    public Optional<Inet4Address> allocate(String user) {
        Inet4Address address = free.pollFirst();
        log.add("allocate " + user + " -> " + (address == null ? "none" : address.getHostAddress()));
        return Optional.ofNullable(address);
    }

    @Override
    public void release(Inet4Address address) {
        log.add("release " + address.getHostAddress());
        free.addFirst(address);
    }

    public int freeCount() {
        return free.size();
    }

    public static Inet4Address address(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
