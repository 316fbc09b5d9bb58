package io.pptpgw.ppp.ipcp;

import io.pptpgw.ppp.option.OptionHandler;
import io.pptpgw.ppp.option.Verdict;
import java.net.Inet4Address;
import java.util.Arrays;
import java.util.Optional;

/**
 * Primary-DNS-Address (129) and Secondary-DNS-Address (131) of RFC 1877 §1.1 and §1.3. The server Naks the client's
 * request with the configured server, or rejects it when none is configured; it never asks itself. The client asks
 * with 0.0.0.0 and takes the address a Nak suggests.
 */
public final class DnsOption implements OptionHandler {
    public static final int PRIMARY_DNS = 129;
    public static final int SECONDARY_DNS = 131;

    private final int type;
    private final boolean server;
    private final Inet4Address configured;
    private final boolean wanted;
    private byte[] requested;
    private boolean rejected;
    private Inet4Address learned;

    private DnsOption(int type, boolean server, Inet4Address configured, boolean wanted) {
        if (type != PRIMARY_DNS && type != SECONDARY_DNS) {
            throw new IllegalArgumentException("DNS option type " + type + " is neither 129 nor 131 (RFC 1877)");
        }
        this.type = type;
        this.server = server;
        this.configured = configured;
        this.wanted = wanted;
        reset();
    }

    public static DnsOption server(int type, Optional<Inet4Address> configured) {
        return new DnsOption(type, true, configured.orElse(null), false);
    }

    public static DnsOption client(int type, boolean request) {
        return new DnsOption(type, false, null, request);
    }

    /** The DNS server in use: the configured one (server), or the one the server gave (client). */
    public Optional<Inet4Address> address() {
        return Optional.ofNullable(server ? configured : learned);
    }

    @Override
    public int type() {
        return type;
    }

    @Override
    public String name() {
        return type == PRIMARY_DNS ? "ms-dns1" : "ms-dns3";
    }

    @Override
    public Optional<byte[]> request() {
        return wanted && !rejected ? Optional.of(requested.clone()) : Optional.empty();
    }

    @Override
    public Verdict review(byte[] peerValue) {
        if (!server || configured == null || peerValue.length != 4) {
            return Verdict.REJECT; // RFC 1877 §1.1: reject when we have no server to give
        }
        return Arrays.equals(peerValue, configured.getAddress()) ? Verdict.ACK : Verdict.nak(configured.getAddress());
    }

    @Override
    public void acked(byte[] value) {
        learned = Ipv4Values.isUnspecified(value) ? null : Ipv4Values.address(value);
    }

    @Override
    public void naked(byte[] hint) {
        if (wanted && hint.length == 4) {
            requested = hint.clone();
        }
    }

    @Override
    public void rejected() {
        rejected = true;
        learned = null;
    }

    @Override
    public void reset() {
        requested = new byte[4];
        rejected = false;
        learned = null;
    }

    @Override
    public String describe(byte[] value) {
        return value.length == 4
                ? name() + " " + Ipv4Values.address(value).getHostAddress()
                : OptionHandler.super.describe(value);
    }
}
