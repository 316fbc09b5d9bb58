package io.pptpgw.api.v1alpha1;

/** PPP authentication methods. PAP and CHAP (MD5) are insecure and need {@code allowInsecure: true}. */
public enum AuthMethod {
    MSCHAPv2,
    CHAP,
    PAP
}
