package io.pptpgw.session;

/** A session that ended before its link carried IP; {@code cause} is the metric label of why. */
public final class SessionSetupException extends RuntimeException {
    private final String cause;

    public SessionSetupException(String cause, String reason) {
        super(cause + ": " + reason, null, false, false);
        this.cause = cause;
    }

    public String causeLabel() {
        return cause;
    }
}
