package io.pptpgw.ppp;

import io.pptpgw.mppe.MppeMasterKeys;
import io.pptpgw.ppp.ccp.MppeMode;
import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

/**
 * What the link agreed on, handed to the data path when IP may flow.
 *
 * @param localAddress our address on the link
 * @param peerAddress the peer's address (the client's assigned address on the server; 0.0.0.0 when a server did not
 *     announce one to our client)
 * @param dnsServers the DNS servers pushed (server) or received (client), primary first
 * @param localMru the largest packet the peer will send us
 * @param peerMru the largest packet we may send the peer
 * @param compressAddressAndControlOnSend whether our frames may leave out {@code FF 03} (RFC 1661 §6.6)
 * @param compressProtocolFieldOnSend whether our frames may use a one-octet Protocol field (RFC 1661 §6.5)
 * @param mppe the encryption in force, or empty for unencrypted IP (only ever under policy Optional or Off)
 */
public record NetworkParameters(
        Inet4Address localAddress,
        Inet4Address peerAddress,
        List<Inet4Address> dnsServers,
        int localMru,
        int peerMru,
        boolean compressAddressAndControlOnSend,
        boolean compressProtocolFieldOnSend,
        Optional<Mppe> mppe) {

    public NetworkParameters {
        dnsServers = List.copyOf(dnsServers);
    }

    /** MPPE as agreed by CCP, with the master keys of the authentication that preceded it (RFC 3079 §3.4). */
    public record Mppe(MppeMode mode, MppeMasterKeys masterKeys) {}
}
