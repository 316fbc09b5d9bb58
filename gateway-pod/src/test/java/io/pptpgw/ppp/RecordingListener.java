package io.pptpgw.ppp;

import io.pptpgw.ppp.auth.AuthProtocol;
import io.pptpgw.ppp.auth.FailureReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything a {@link PppLink} reports. */
public final class RecordingListener implements LinkListener {
    public record Down(DownCause cause, String reason) {}

    public final List<String> authentications = new ArrayList<>();
    public final List<NetworkParameters> ups = new ArrayList<>();
    public final List<Down> downs = new ArrayList<>();
    public final List<Duration> roundTrips = new ArrayList<>();
    public final List<String> dropped = new ArrayList<>();
    public int resetRequests;

    @Override
    public void authenticationSucceeded(String user, AuthProtocol protocol) {
        authentications.add("succeeded " + user + " " + protocol);
    }

    @Override
    public void authenticationFailed(String user, FailureReason reason, String message) {
        authentications.add("failed " + user + " " + reason);
    }

    @Override
    public void linkUp(NetworkParameters parameters) {
        ups.add(parameters);
    }

    @Override
    public void linkDown(DownCause cause, String reason) {
        downs.add(new Down(cause, reason));
    }

    @Override
    public void echoRoundTrip(Duration roundTrip) {
        roundTrips.add(roundTrip);
    }

    @Override
    public void ccpResetRequestReceived() {
        resetRequests++;
    }

    @Override
    public void controlPacketDropped(int protocol, String reason) {
        dropped.add(PppProtocol.nameOf(protocol) + ": " + reason);
    }
}
