package io.pptpgw.dataplane;

import io.pptpgw.mppe.MppeCipher;

/**
 * What the data path needs once the PPP link is up: the client's tunnel address, how to frame what we send (ACFC and
 * PFC as the peer allowed, RFC 1661 §6.5-6.6), and the MPPE ciphers of each direction, or none when the link runs
 * unencrypted. Published once, through a volatile field, so both workers see it whole.
 */
public record TunnelLink(
        int tunnelAddress,
        boolean compressAddressAndControl,
        boolean compressProtocolField,
        MppeCipher receiveCipher,
        MppeCipher sendCipher) {
    public TunnelLink {
        if ((receiveCipher == null) != (sendCipher == null)) {
            throw new IllegalArgumentException("MPPE runs in both directions or in neither");
        }
    }

    public boolean encrypted() {
        return sendCipher != null;
    }
}
