package io.pptpgw.doctor;

/** One item of the checklist. A check only reads (or creates and removes a scratch object); it never repairs. */
public interface Check {
    /** A short stable id for reports and JSON, e.g. {@code ip-forwarding}. */
    String id();

    CheckResult run(DoctorContext context);
}
