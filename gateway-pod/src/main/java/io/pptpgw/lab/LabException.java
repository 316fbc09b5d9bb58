package io.pptpgw.lab;

/** A lab operation failed: a command exited non-zero, timed out, or the kernel refused a change. */
public class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
