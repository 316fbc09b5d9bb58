package io.pptpgw.ppp;

import io.pptpgw.mppe.MppeMasterKeys;
import io.pptpgw.ppp.LinkListener.DownCause;
import io.pptpgw.ppp.ccp.Ccp;
import io.pptpgw.ppp.ccp.MppeMode;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.ppp.fsm.ControlProtocol;
import io.pptpgw.ppp.ipcp.Ipcp;
import io.pptpgw.ppp.lcp.Lcp;
import java.net.Inet4Address;
import java.util.Optional;

/**
 * The Network phase (RFC 1661 §3.6): IPCP, and CCP unless the policy is Off or no MPPE keys exist, CCP first, and the
 * encryption policy decides when IP may flow. Under Required, only once CCP opened with MPPE in both directions
 * alike; a peer that refuses MPPE is terminated (RFC 3078 §2: a failed MPPE negotiation SHOULD end the link). Under
 * Optional, once CCP opened or gave up. A layer that leaves Opened after IP flowed ends the link: renegotiation is not
 * supported.
 */
final class NetworkPhase {
    /** Where the phase's verdict goes. */
    interface Outcome {
        void up(NetworkParameters parameters);

        void fail(DownCause cause, String reason);
    }

    private final MppePolicy policy;
    private final Lcp lcp;
    private final Ipcp ipcp;
    private final Ccp ccp;
    private final Optional<MppeMasterKeys> keys;
    private final Outcome outcome;
    private boolean ipcpStarted;
    private boolean ipcpOpened;
    private boolean ccpOpened;
    private boolean ccpFinished;
    private NetworkParameters reported;

    /** @param ccp null when CCP is not negotiated */
    NetworkPhase(MppePolicy policy, Lcp lcp, Ipcp ipcp, Ccp ccp, Optional<MppeMasterKeys> keys, Outcome outcome) {
        this.policy = policy;
        this.lcp = lcp;
        this.ipcp = ipcp;
        this.ccp = ccp;
        this.keys = keys;
        this.outcome = outcome;
    }

    /**
     * Starts CCP, and IPCP only once CCP opened or gave up, or the peer started IPCP itself: pppd waits for CCP before
     * IPCP when MPPE is in play and answers an earlier IPCP Configure-Request with Terminate-Ack (its IPCP is Closed,
     * RFC 1661 §4.1), after which our IPCP would sit out a whole restart interval.
     */
    void start() {
        if (ccp == null) {
            startIpcp();
            return;
        }
        ccp.control().open();
        ccp.control().up();
    }

    /** A packet of {@code protocol} arrived from the peer: a peer that starts IPCP early (Windows) is not kept waiting. */
    void peerSent(int protocol) {
        if (protocol == PppProtocol.IPCP.number()) {
            startIpcp();
        }
    }

    private void startIpcp() {
        if (!ipcpStarted) {
            ipcpStarted = true;
            ipcp.control().open();
            ipcp.control().up();
        }
    }

    /** The lower layer (LCP) left Opened. */
    void stop() {
        if (ipcpStarted) {
            ipcp.control().down();
        }
        if (ccp != null) {
            ccp.control().down();
        }
    }

    /** The control protocol for {@code protocol} running in this phase, if any. */
    Optional<ControlProtocol> protocol(int protocol) {
        if (protocol == PppProtocol.IPCP.number()) {
            return Optional.of(ipcp.control());
        }
        if (protocol == PppProtocol.CCP.number() && ccp != null) {
            return Optional.of(ccp.control());
        }
        return Optional.empty();
    }

    void requestCcpReset() {
        if (reported != null && reported.mppe().map(m -> !m.mode().stateless()).orElse(false)) {
            ccp.sendResetRequest();
        }
    }

    void ipcpUp() {
        ipcpOpened = true;
        evaluate();
    }

    void ipcpDown() {
        ipcpOpened = false;
        if (reported != null) {
            outcome.fail(DownCause.NEGOTIATION_FAILED, "IPCP left Opened; renegotiation is not supported");
        }
    }

    void ipcpFinished() {
        outcome.fail(DownCause.NEGOTIATION_FAILED, "IPCP failed: " + problem(ipcp.control()));
    }

    void ccpUp() {
        ccpOpened = true;
        startIpcp();
        evaluate();
    }

    void ccpDown() {
        ccpOpened = false;
        if (reported != null) {
            outcome.fail(DownCause.NEGOTIATION_FAILED, "CCP left Opened; renegotiation is not supported");
        }
    }

    void ccpFinished() {
        ccpFinished = true;
        startIpcp();
        evaluate();
    }

    private void evaluate() {
        if (reported != null) {
            return;
        }
        Optional<NetworkParameters.Mppe> mppe;
        if (ccp != null && ccpOpened) {
            switch (ccp.outcome()) {
                case Ccp.Outcome.Encrypted encrypted -> mppe = Optional.of(mppe(encrypted.mode()));
                case Ccp.Outcome.Unencrypted unencrypted -> {
                    if (policy.encryption() == MppePolicy.Encryption.REQUIRED) {
                        outcome.fail(DownCause.ENCRYPTION_REFUSED, unencrypted.why() + "; encryption is Required");
                        return;
                    }
                    mppe = Optional.empty();
                }
                case Ccp.Outcome.Inconsistent inconsistent -> {
                    outcome.fail(DownCause.ENCRYPTION_REFUSED, inconsistent.why());
                    return;
                }
            }
        } else if (ccp != null && !ccpFinished) {
            return; // CCP is still negotiating
        } else if (policy.encryption() == MppePolicy.Encryption.REQUIRED) {
            outcome.fail(
                    DownCause.ENCRYPTION_REFUSED,
                    "peer refused MPPE; encryption is Required ("
                            + (ccp == null ? "CCP was not started" : problem(ccp.control())) + ")");
            return;
        } else {
            mppe = Optional.empty();
        }
        if (ipcpOpened) {
            reportUp(mppe);
        }
    }

    private void reportUp(Optional<NetworkParameters.Mppe> mppe) {
        Optional<Inet4Address> local = ipcp.localAddress();
        if (local.isEmpty()) {
            outcome.fail(DownCause.NEGOTIATION_FAILED, "IPCP opened without an address for us");
            return;
        }
        reported = new NetworkParameters(
                local.get(),
                ipcp.peerAddress().orElse(Ipcp.UNSPECIFIED_ADDRESS),
                ipcp.dnsServers(),
                lcp.localMru(),
                lcp.peerMru(),
                lcp.compressAddressAndControlFieldOnSend(),
                lcp.compressProtocolFieldOnSend(),
                mppe);
        outcome.up(reported);
    }

    private NetworkParameters.Mppe mppe(MppeMode mode) {
        // the link starts CCP only when keys exist (PppLink.enterNetwork)
        return new NetworkParameters.Mppe(mode, keys.orElseThrow());
    }

    private static String problem(ControlProtocol protocol) {
        return protocol.lastProblem().map(ControlProtocol.Problem::description).orElse("it finished");
    }
}
