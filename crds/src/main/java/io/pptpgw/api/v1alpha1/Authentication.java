package io.pptpgw.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import java.util.List;

/**
 * Who may connect and how. The default is the safest PPTP offers: MS-CHAPv2 only, MPPE-128 required, lockout on.
 */
public record Authentication(
        @Required SecretRef usersSecretRef,
        List<AuthMethod> methods,
        @Default("false") Boolean allowInsecure,
        @Default("Required") Encryption encryption,
        Mppe mppe,
        Lockout lockout) {

    /** A Secret in the gateway's namespace whose keys are user names and values passwords or nthash:hex. */
    public record SecretRef(@Required String name) {}

    /** Which MPPE variants beyond stateless 128-bit may be negotiated. */
    public record Mppe(
            @Default("false") Boolean allowStateful,
            @Default("false") Boolean allow40Bit) {}

    /** Brute-force lockout: maxFailures within window locks the user (and source) out for duration. */
    public record Lockout(
            @Default("5") Integer maxFailures,
            @Default("5m") String window,
            @Default("15m") String duration) {}
}
