package io.pptpgw.ppp.ipcp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv4 addresses as 4-octet option values (RFC 1332 §3.3, RFC 1877 §1.1). */
final class Ipv4Values {
    static final Inet4Address UNSPECIFIED = address(new byte[4]);

    private Ipv4Values() {}

    static Inet4Address address(byte[] value) {
        try {
            return (Inet4Address) InetAddress.getByAddress(value);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IPv4 address is 4 bytes, not " + value.length, e);
        }
    }

    static boolean isUnspecified(byte[] value) {
        return value[0] == 0 && value[1] == 0 && value[2] == 0 && value[3] == 0;
    }
}
