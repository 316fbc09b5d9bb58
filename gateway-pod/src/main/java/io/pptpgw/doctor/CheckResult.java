package io.pptpgw.doctor;

/**
 * What one check found: a status, a message that names the cause (the value and the rule) and, unless it passed,
 * a hint saying how to fix it.
 */
public record CheckResult(String check, Status status, String message, String hint) {
    public enum Status {
        PASS,
        WARN,
        FAIL
    }

    public CheckResult {
        hint = hint == null ? "" : hint;
    }

    public static CheckResult pass(String check, String message) {
        return new CheckResult(check, Status.PASS, message, "");
    }

    public static CheckResult warn(String check, String message, String hint) {
        return new CheckResult(check, Status.WARN, message, hint);
    }

    public static CheckResult fail(String check, String message, String hint) {
        return new CheckResult(check, Status.FAIL, message, hint);
    }
}
