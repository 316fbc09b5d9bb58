package io.pptpgw.config;

import io.pptpgw.ppp.auth.AuthProtocol;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Who may connect and how: the accepted methods in order of preference, the MPPE policy and the lockout. The
 * users come from a file in the Secret's shape; {@code usersSecretName} is only meaningful in Kubernetes.
 */
public record Authentication(
        Optional<String> usersSecretName,
        List<AuthProtocol> methods,
        boolean allowInsecure,
        Encryption encryption,
        Mppe mppe,
        Lockout lockout) {
    public Authentication {
        GatewayConfig.requireNonNull("authentication", usersSecretName, methods, encryption, mppe, lockout);
        methods = List.copyOf(methods);
    }

    /** MPPE (RFC 3078) policy: 128-bit or refuse, offer but accept a client without, or never. */
    public enum Encryption {
        REQUIRED,
        OPTIONAL,
        OFF
    }

    /**
     * Which MPPE variants beyond stateless 128-bit may be negotiated (RFC 3078 §2.1, RFC 3079), and whether the gateway
     * asks for stateful rather than waiting for a client to.
     */
    public record Mppe(boolean allowStateful, boolean allow40Bit, boolean preferStateful) {
        /** Stateless 128-bit only: the default. */
        public static final Mppe STATELESS_128_ONLY = new Mppe(false, false, false);
    }

    /** {@code maxFailures} failed logins within {@code window} lock the user and source out for {@code duration}. */
    public record Lockout(int maxFailures, Duration window, Duration duration) {
        public Lockout {
            GatewayConfig.requireNonNull("lockout", window, duration);
        }
    }
}
