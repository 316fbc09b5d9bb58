package io.pptpgw.lab;

/** The lab cannot run in this process at all: a capability or a tool is missing. Thrown before anything is created. */
public final class LabUnavailableException extends LabException {
    public LabUnavailableException(String message) {
        super(message);
    }
}
