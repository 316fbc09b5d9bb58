package io.pptpgw.api.v1alpha1;

/** The condition types of {@link PptpGatewayStatus}. */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String PROGRAMMED = "Programmed";
    public static final String DEGRADED = "Degraded";
    public static final String INVALID = "Invalid";
    public static final String CONFLICT = "Conflict";

    private Conditions() {}
}
