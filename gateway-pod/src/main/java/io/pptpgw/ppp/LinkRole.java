package io.pptpgw.ppp;

import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.AuthResponder;
import io.pptpgw.ppp.auth.Authenticator;
import java.util.function.Function;

/** Which end of the link we are, with the authentication mechanisms that end needs. */
public sealed interface LinkRole {
    /**
     * The gateway: it authenticates the peer. {@code authenticators} gives a fresh {@link Authenticator} for the method
     * LCP agreed on; it is asked once per link, and only for a method in the LCP settings.
     */
    record Server(Function<AuthProtocol, Authenticator> authenticators) implements LinkRole {}

    /** Our client: it is authenticated. {@code responders} gives a fresh {@link AuthResponder} for the agreed method. */
    record Client(Function<AuthProtocol, AuthResponder> responders) implements LinkRole {}
}
