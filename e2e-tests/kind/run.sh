#!/usr/bin/env bash
# End-to-end test on a throwaway kind cluster, with a real PPTP client:
#   1. load the PPP, MPPE and PPTP conntrack modules into the host kernel (kind nodes and pods share it)
#   2. create a 2-node kind cluster (control plane + one worker)
#   3. build the pptpgw image (the repository's Dockerfile) and the client image (client/Dockerfile), kind-load them
#   4. helm install the chart, label the worker as the gateway node, create the privileged namespace, the users
#      Secret and the PptpGateway (manifests/)
#   5. run the *E2E tests against the cluster: mvn -B -pl e2e-tests -am verify -Pe2e
#   6. print diagnostics when anything failed, and delete the cluster (PPTPGW_E2E_KEEP=true keeps it)
#
# Needs: docker, kind, helm, kubectl, a JDK 25 and Maven; root or sudo for modprobe.
# Settings (environment): PPTPGW_E2E_CLUSTER (pptpgw-e2e), PPTPGW_E2E_IMAGE (pptpgw:e2e),
# PPTPGW_E2E_CLIENT_IMAGE (pptpgw-e2e-client:e2e), PPTPGW_E2E_KEEP (false), PPTPGW_E2E_ARTIFACTS (a directory
# for kind's logs on failure; default: none).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cluster="${PPTPGW_E2E_CLUSTER:-pptpgw-e2e}"
image="${PPTPGW_E2E_IMAGE:-pptpgw:e2e}"
client_image="${PPTPGW_E2E_CLIENT_IMAGE:-pptpgw-e2e-client:e2e}"
keep="${PPTPGW_E2E_KEEP:-false}"
artifacts="${PPTPGW_E2E_ARTIFACTS:-}"
operator_namespace=pptpgw-system
gateway_namespace=vpn
gateway_node="$cluster-worker"
workdir="$(mktemp -d)"
export KUBECONFIG="$workdir/kubeconfig"

log() { printf '\n==> %s\n' "$*"; }

as_root() {
    if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi
}

# ppp_generic and ppp_mppe for pppd in the client pod; nf_conntrack_pptp so the client's GRE keeps its call
# through the CNI's masquerade. Some cloud kernels keep them in a separate package.
load_kernel_modules() {
    local modules=(ppp_generic ppp_mppe nf_conntrack_pptp)
    if ! as_root modprobe -a "${modules[@]}"; then
        log "modules missing; installing linux-modules-extra-$(uname -r)"
        as_root apt-get install -y "linux-modules-extra-$(uname -r)"
        as_root modprobe -a "${modules[@]}"
    fi
}

diagnostics() {
    log "diagnostics"
    kubectl get nodes -o wide || true
    kubectl get pods -A -o wide || true
    kubectl get pptpgateways -A -o yaml || true
    kubectl -n "$gateway_namespace" get events --sort-by=.lastTimestamp || true
    kubectl -n "$operator_namespace" logs deploy/pptpgw-operator --tail=300 || true
    kubectl -n "$gateway_namespace" logs -l app.kubernetes.io/name=pptpgw-gateway --tail=300 --prefix || true
    kubectl -n "$gateway_namespace" logs e2e-client --tail=300 || true
    if [[ -n "$artifacts" ]]; then
        kind export logs "$artifacts" --name "$cluster" || true
    fi
}

finish() {
    local status=$?
    if (( status != 0 )); then
        diagnostics
    fi
    if [[ "$keep" == "true" ]]; then
        log "keeping cluster $cluster (KUBECONFIG=$KUBECONFIG); delete it with: kind delete cluster --name $cluster"
    else
        log "deleting cluster $cluster"
        kind delete cluster --name "$cluster" || true
        rm -rf "$workdir"
    fi
    exit "$status"
}

main() {
    log "loading kernel modules"
    load_kernel_modules

    log "creating kind cluster $cluster"
    trap finish EXIT
    kind create cluster --name "$cluster" --config "$here/cluster.yaml" --kubeconfig "$KUBECONFIG" --wait 180s

    log "building $image and $client_image"
    docker build -t "$image" \
        --build-arg REVISION="$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)" \
        --build-arg CREATED="$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
        "$root"
    docker build -t "$client_image" "$here/client"
    kind load docker-image --name "$cluster" "$image" "$client_image"

    log "installing the chart"
    helm install pptpgw-operator "$root/charts/pptpgw-operator" \
        --namespace "$operator_namespace" --create-namespace \
        --set image.repository="${image%:*}" --set image.tag="${image##*:}" \
        --wait --timeout 5m

    log "creating the gateway"
    kubectl label node "$gateway_node" pptpgw.io/gateway=true --overwrite
    kubectl apply -f "$here/manifests/namespace.yaml"
    kubectl apply -f "$here/manifests/users-secret.yaml"
    kubectl apply -f "$here/manifests/gateway.yaml"

    log "running the e2e tests"
    (cd "$root" && mvn -B -pl e2e-tests -am verify -Pe2e \
        -Dtest='*E2E' -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
        -Dpptpgw.e2e.kubeconfig="$KUBECONFIG" \
        -Dpptpgw.e2e.image="$image" \
        -Dpptpgw.e2e.clientImage="$client_image" \
        -Dpptpgw.e2e.gatewayNode="$gateway_node" \
        -Dpptpgw.e2e.namespace="$gateway_namespace")
    log "e2e passed"
}

main "$@"
