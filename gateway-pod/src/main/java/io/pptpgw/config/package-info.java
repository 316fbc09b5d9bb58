/**
 * The gateway's configuration: the PptpGateway YAML (the very file {@code kubectl apply} takes) mapped, with the
 * CRD's defaults and every validation rule, into records of validated values that the rest of the gateway trusts.
 */
package io.pptpgw.config;
