/**
 * The {@code pptpgw.io/v1alpha1} API: the {@code PptpGateway} custom resource as Java types, from which the CRD
 * is generated. Spec types are immutable records; defaults live in the schema ({@code @Default}) and are applied
 * again by the gateway when it reads a file outside Kubernetes.
 */
package io.pptpgw.api.v1alpha1;
