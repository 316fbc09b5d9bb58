package io.pptpgw.interop;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A PPP interface that is up in the guest: its name and the two IPCP-negotiated addresses. */
public record PppLink(String interfaceName, String localAddress, String peerAddress) {

    private static final Pattern INET =
            Pattern.compile("inet (\\d+\\.\\d+\\.\\d+\\.\\d+) peer (\\d+\\.\\d+\\.\\d+\\.\\d+)");

    public PppLink {
        Objects.requireNonNull(interfaceName, "interfaceName");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(peerAddress, "peerAddress");
    }

    /** Parses {@code ip -o -4 addr show dev pppN}: {@code "5: ppp0    inet 10.0.0.2 peer 10.0.0.1/32 scope ..."}. */
    public static PppLink parse(String interfaceName, String ipAddrOutput) {
        Matcher matcher = INET.matcher(ipAddrOutput);
        if (!matcher.find()) {
            throw new IllegalArgumentException(
                    "no 'inet A peer B' address on " + interfaceName + " in `ip -o -4 addr` output: " + ipAddrOutput);
        }
        return new PppLink(interfaceName, matcher.group(1), matcher.group(2));
    }
}
