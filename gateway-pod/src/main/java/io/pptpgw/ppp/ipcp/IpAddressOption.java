package io.pptpgw.ppp.ipcp;

import io.pptpgw.ppp.option.OptionHandler;
import io.pptpgw.ppp.option.Verdict;
import java.net.Inet4Address;
import java.util.Arrays;
import java.util.Optional;

/**
 * IP-Address (RFC 1332 §3.3). The server asks for its own address, acknowledges only the address it assigned and Naks
 * anything else (0.0.0.0 included) with it, and prompts a client that does not ask. The client asks with 0.0.0.0,
 * takes the address a Nak suggests, and accepts the server's own address.
 */
public final class IpAddressOption implements OptionHandler {
    public static final int TYPE = 3;

    private final boolean server;
    private final Inet4Address configured;
    private final Inet4Address assigned;
    private byte[] requested;
    private boolean rejected;
    private Inet4Address local;
    private Inet4Address peer;

    private IpAddressOption(boolean server, Inet4Address configured, Inet4Address assigned) {
        this.server = server;
        this.configured = configured;
        this.assigned = assigned;
        reset();
    }

    /** @param assigned the address allocated to the client */
    public static IpAddressOption server(Inet4Address localAddress, Inet4Address assigned) {
        return new IpAddressOption(true, localAddress, assigned);
    }

    public static IpAddressOption client() {
        return new IpAddressOption(false, Ipv4Values.UNSPECIFIED, null);
    }

    /** Our address: the server's configured one, or the one the server acknowledged to the client. */
    public Optional<Inet4Address> localAddress() {
        return Optional.ofNullable(local);
    }

    /** The peer's address: the one assigned (server), or the one the server announced (client). */
    public Optional<Inet4Address> peerAddress() {
        return Optional.ofNullable(peer);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public String name() {
        return "addr";
    }

    @Override
    public Optional<byte[]> request() {
        return rejected ? Optional.empty() : Optional.of(requested.clone());
    }

    @Override
    public Verdict review(byte[] peerValue) {
        if (peerValue.length != 4) {
            return Verdict.REJECT;
        }
        if (server) {
            return Arrays.equals(peerValue, assigned.getAddress()) ? Verdict.ACK : Verdict.nak(assigned.getAddress());
        }
        // a server asking us for an address would need one we do not have
        return Ipv4Values.isUnspecified(peerValue) ? Verdict.REJECT : Verdict.ACK;
    }

    @Override
    public Optional<byte[]> hintWhenAbsent() {
        return server ? Optional.of(assigned.getAddress()) : Optional.empty();
    }

    @Override
    public void acked(byte[] value) {
        local = Ipv4Values.address(value);
    }

    /** The client takes the suggested address; the server keeps its own. */
    @Override
    public void naked(byte[] hint) {
        if (!server && hint.length == 4 && !Ipv4Values.isUnspecified(hint)) {
            requested = hint.clone();
        }
    }

    @Override
    public void rejected() {
        rejected = true;
    }

    @Override
    public void peerAcked(byte[] value) {
        peer = Ipv4Values.address(value);
    }

    @Override
    public void reset() {
        requested = configured.getAddress();
        rejected = false;
        local = server ? configured : null;
        peer = server ? assigned : null;
    }

    @Override
    public String describe(byte[] value) {
        return value.length == 4
                ? "addr " + Ipv4Values.address(value).getHostAddress()
                : OptionHandler.super.describe(value);
    }
}
