package io.pptpgw.net;

/** A system command could not be run, did not finish in time, or failed where success was required. */
public class CommandException extends RuntimeException {
    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
