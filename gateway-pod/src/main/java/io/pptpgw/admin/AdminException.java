package io.pptpgw.admin;

/** The admin socket could not be reached or did not answer as it should; the message says which and why. */
public final class AdminException extends RuntimeException {
    public AdminException(String message) {
        super(message);
    }

    public AdminException(String message, Throwable cause) {
        super(message, cause);
    }
}
