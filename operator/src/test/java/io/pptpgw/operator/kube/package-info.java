/** A real kube-apiserver and etcd for tests, built from source when missing. */
package io.pptpgw.operator.kube;
