package io.pptpgw.ppp;

import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.ppp.ipcp.IpcpSettings;
import io.pptpgw.ppp.lcp.LcpSettings;
import java.time.Duration;

/**
 * Everything a {@link PppLink} negotiates with.
 *
 * @param authenticationTimeout how long the Authenticate phase may last before the link is terminated
 */
public record LinkSettings(LcpSettings lcp, IpcpSettings ipcp, MppePolicy mppe, Duration authenticationTimeout) {
    public LinkSettings {
        if (!authenticationTimeout.isPositive()) {
            throw new IllegalArgumentException("authenticationTimeout " + authenticationTimeout + " is not positive");
        }
        // RFC 3079 §3: MPPE keys are derived from MS-CHAP; no other method can supply them
        if (mppe.encryption() == MppePolicy.Encryption.REQUIRED
                && !lcp.authenticationMethods().contains(AuthProtocol.MSCHAP_V2)) {
            throw new IllegalArgumentException("encryption Required needs MSCHAP_V2 among the authentication methods "
                    + lcp.authenticationMethods() + ": MPPE keys come from MS-CHAPv2 (RFC 3079)");
        }
    }
}
