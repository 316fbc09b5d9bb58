package io.pptpgw.ppp.auth;

import io.pptpgw.mppe.MppeMasterKeys;
import java.util.Optional;

/** What one received authentication packet leads to, on either side of the exchange. */
public sealed interface AuthStep {
    /** Keep waiting for the next packet. */
    record Continue() implements AuthStep {}

    /** The peer (or we, on the client side) proved the identity; MS-CHAPv2 hands back the MPPE master keys. */
    record Succeeded(String user, Optional<MppeMasterKeys> keys) implements AuthStep {}

    /** Authentication failed; {@code message} is safe to log and never contains a secret. */
    record Failed(String user, FailureReason reason, String message) implements AuthStep {}
}
