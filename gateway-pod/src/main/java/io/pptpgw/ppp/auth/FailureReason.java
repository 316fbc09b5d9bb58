package io.pptpgw.ppp.auth;

/** Why authentication failed; each value is a label of pptpgw_auth_failures_total. */
public enum FailureReason {
    UNKNOWN_USER,
    WRONG_PASSWORD,
    LOCKED_OUT,
    /** The stored credential cannot serve this method, e.g. an NT hash for CHAP-MD5, which needs the password. */
    CREDENTIAL_UNSUITABLE,
    METHOD_NOT_ALLOWED,
    MALFORMED,
    TIMEOUT,
    /** Client side: the server said Failure. */
    REJECTED_BY_PEER,
    /** Client side: the server's authenticator response did not prove it knows the password (RFC 2759 §5). */
    PEER_NOT_AUTHENTIC;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
