package io.pptpgw.api.v1alpha1;

/**
 * The regular expressions of the schema, in one place: the CRD's OpenAPI patterns come from here, and the gateway's
 * loader can apply the same ones to a file read outside Kubernetes.
 */
public final class Patterns {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

    /** A dotted-quad IPv4 address without leading zeros: {@code 203.0.113.1}. */
    public static final String IPV4 = "^(" + OCTET + "\\.){3}" + OCTET + "$";

    /** An IPv4 network in CIDR notation: {@code 10.250.0.0/16} (host bits are checked by the operator). */
    public static final String IPV4_CIDR = "^(" + OCTET + "\\.){3}" + OCTET + "/([0-9]|[12][0-9]|3[0-2])$";

    /** A Linux interface name: at most 15 bytes (IFNAMSIZ - 1), no slash, colon or whitespace. */
    public static final String INTERFACE_NAME = "^[a-zA-Z0-9_.@-]{1,15}$";

    /** An RFC 1123 label, as Kubernetes names short things: {@code isp1}. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /** An RFC 1123 subdomain, as Kubernetes names Secrets. */
    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    /** A Go-style duration of whole units: {@code 20s}, {@code 5m}, {@code 1h30m}. */
    public static final String DURATION = "^([0-9]+(ms|s|m|h))+$";

    private Patterns() {}
}
