package io.pptpgw.ppp.lcp;

import io.pptpgw.ppp.PppSpec;
import io.pptpgw.ppp.auth.AuthProtocol;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Our LCP choices on one link.
 *
 * @param mru the largest packet we receive; requested only when it differs from the default 1500 (RFC 1661 §6.1)
 * @param authenticationMethods for the authenticator: the methods it asks for, in preference order; for the peer
 *     being authenticated: the methods it accepts, the first being the one it suggests instead of another
 * @param requestProtocolFieldCompression whether we ask the peer to compress the Protocol field (RFC 1661 §6.5)
 * @param requestAddressAndControlFieldCompression whether we ask it to leave out {@code FF 03} (RFC 1661 §6.6)
 * @param echoInterval time between LCP Echo-Requests once LCP is open; zero turns dead-peer detection off
 * @param echoMaximumFailures unanswered Echo-Requests in a row after which the peer is taken for dead
 * @param magicNumbers the source of Magic-Numbers (RFC 1661 §6.4 asks for unique ones, not secret ones)
 */
public record LcpSettings(
        int mru,
        List<AuthProtocol> authenticationMethods,
        boolean requestProtocolFieldCompression,
        boolean requestAddressAndControlFieldCompression,
        Duration echoInterval,
        int echoMaximumFailures,
        RandomGenerator magicNumbers) {

    public LcpSettings {
        if (mru < PppSpec.MINIMUM_MRU || mru > 0xFFFF) {
            throw new IllegalArgumentException("LCP mru " + mru + " is outside " + PppSpec.MINIMUM_MRU + ".." + 0xFFFF);
        }
        authenticationMethods = List.copyOf(authenticationMethods);
        if (new HashSet<>(authenticationMethods).size() != authenticationMethods.size()) {
            throw new IllegalArgumentException(
                    "LCP authenticationMethods " + authenticationMethods + " names a method twice");
        }
        if (echoInterval.isNegative()) {
            throw new IllegalArgumentException("LCP echoInterval " + echoInterval + " is negative");
        }
        if (echoMaximumFailures < 1) {
            throw new IllegalArgumentException("LCP echoMaximumFailures " + echoMaximumFailures + " is below 1");
        }
    }

    /** MRU 1400, MS-CHAPv2 only, both compressions requested, an echo every 20 s, down after 3 misses. */
    public static LcpSettings defaults() {
        return new LcpSettings(
                1400,
                List.of(AuthProtocol.MSCHAP_V2),
                true,
                true,
                Duration.ofSeconds(20),
                3,
                RandomGenerator.getDefault());
    }

    public LcpSettings withAuthenticationMethods(List<AuthProtocol> methods) {
        return new LcpSettings(
                mru,
                methods,
                requestProtocolFieldCompression,
                requestAddressAndControlFieldCompression,
                echoInterval,
                echoMaximumFailures,
                magicNumbers);
    }

    public LcpSettings withEcho(Duration interval, int maximumFailures) {
        return new LcpSettings(
                mru,
                authenticationMethods,
                requestProtocolFieldCompression,
                requestAddressAndControlFieldCompression,
                interval,
                maximumFailures,
                magicNumbers);
    }

    public LcpSettings withMagicNumbers(RandomGenerator source) {
        return new LcpSettings(
                mru,
                authenticationMethods,
                requestProtocolFieldCompression,
                requestAddressAndControlFieldCompression,
                echoInterval,
                echoMaximumFailures,
                source);
    }
}
