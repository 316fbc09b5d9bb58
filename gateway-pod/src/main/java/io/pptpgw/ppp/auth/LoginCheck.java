package io.pptpgw.ppp.auth;

import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.auth.credentials.CredentialStore;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * The steps every server-side method takes around its own password check, in one place: the lockout first, then
 * the lookup, then the method's verification, then recording the outcome with the throttle.
 */
final class LoginCheck {
    /** Checked in place of an unknown user's credential, so an unknown user costs about the same time as a known. */
    private static final Credential STAND_IN = new Credential.Password("\0unknown user\0");

    enum Verdict {
        MATCH,
        MISMATCH,
        /** The stored form of the credential cannot serve this method. */
        UNSUITABLE
    }

    @FunctionalInterface
    interface Verifier {
        Verdict verify(Credential credential);
    }

    private final String method;
    private final CredentialStore credentials;
    private final LoginThrottle throttle;
    private final InetAddress peer;

    LoginCheck(String method, CredentialStore credentials, LoginThrottle throttle, InetAddress peer) {
        this.method = method;
        this.credentials = credentials;
        this.throttle = throttle;
        this.peer = peer;
    }

    /** {@link AuthStep.Succeeded} without keys, or the failure; the caller adds what its method derives. */
    AuthStep check(String user, Verifier verifier) {
        Optional<Instant> lockedUntil = throttle.lockedUntil(user, peer);
        if (lockedUntil.isPresent()) {
            return failed(user, FailureReason.LOCKED_OUT, "locked out until " + lockedUntil.get());
        }
        Optional<Credential> credential = credentials.find(user);
        if (credential.isEmpty()) {
            verifier.verify(STAND_IN);
            throttle.recordFailure(user, peer);
            return failed(user, FailureReason.UNKNOWN_USER, "no such user");
        }
        return switch (verifier.verify(credential.get())) {
            case MATCH -> {
                throttle.recordSuccess(user);
                yield new AuthStep.Succeeded(user, Optional.empty());
            }
            case MISMATCH -> {
                throttle.recordFailure(user, peer);
                yield failed(user, FailureReason.WRONG_PASSWORD, "wrong password");
            }
            case UNSUITABLE ->
                failed(
                        user,
                        FailureReason.CREDENTIAL_UNSUITABLE,
                        "the user's secret is stored as an NT hash, which " + method
                                + " cannot verify; store the password");
        };
    }

    AuthStep.Failed failed(String user, FailureReason reason, String detail) {
        return new AuthStep.Failed(
                user,
                reason,
                method + " login of user \"" + printable(user) + "\" from " + peer.getHostAddress() + " failed: "
                        + detail);
    }

    /** A packet we could not parse, before any user name is known. */
    AuthStep.Failed malformed(String detail) {
        return new AuthStep.Failed(
                "", FailureReason.MALFORMED, method + " packet from " + peer.getHostAddress() + " " + detail);
    }

    private static String printable(String user) {
        return Chap.printable(Chap.utf8(user));
    }
}
