package io.pptpgw.api.v1alpha1;

/** MPPE policy: Required (MPPE-128 or refuse), Optional (offer it, accept a client without), Off. */
public enum Encryption {
    Required,
    Optional,
    Off
}
