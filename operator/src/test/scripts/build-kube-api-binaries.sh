#!/usr/bin/env bash
# Builds kube-apiserver, etcd and kubectl from source through the Go module proxy and installs them where
# Fabric8's kube-api-test looks for them: $KUBE_API_TEST_DIR (default ~/.kubeapitest)/k8s/<version>-linux-amd64/.
# It does nothing when all three are already there. The operator's real-API-server tests call it (through
# KubeApiBinaries) when the binaries are missing; CI runs the same path, so a clean machine needs only Go.
#
# Why a throwaway module: k8s.io/kubernetes replaces every k8s.io/* staging module with a local path, so
# `go install k8s.io/kubernetes/cmd/kube-apiserver@vX.Y.Z` is refused. A module that requires
# k8s.io/kubernetes vX.Y.Z and pins each staging module to v0.Y.Z builds the same code. etcd comes from the
# same module graph (k8s.io/kubernetes requires go.etcd.io/etcd/server/v3), so its version is the one that
# release of Kubernetes was tested with.
set -euo pipefail

K8S_VERSION="${K8S_VERSION:-1.34.4}"
API_TEST_DIR="${KUBE_API_TEST_DIR:-$HOME/.kubeapitest}"
TARGET="$API_TEST_DIR/k8s/${K8S_VERSION}-linux-amd64"

# One build at a time: CI starts this in the background early, and the tests run it again when they need it.
mkdir -p "$API_TEST_DIR"
exec 9>"$API_TEST_DIR/.build.lock"
flock 9

if [[ -x "$TARGET/kube-apiserver" && -x "$TARGET/etcd" && -x "$TARGET/kubectl" ]]; then
  echo "kube-api-test binaries already in $TARGET"
  exit 0
fi
# The Go toolchain of the polyglot machines lives in /usr/local/go; CI's PATH may not name it.
if ! command -v go >/dev/null && [[ -x /usr/local/go/bin/go ]]; then export PATH="/usr/local/go/bin:$PATH"; fi
command -v go >/dev/null || { echo "go is needed to build kube-apiserver and etcd (apt-get install golang-go, or a Go toolchain)" >&2; exit 1; }

STAGING_VERSION="v0.${K8S_VERSION#*.}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kube-api-binaries.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

staging=(api apiextensions-apiserver apimachinery apiserver cli-runtime client-go cloud-provider
  cluster-bootstrap code-generator component-base component-helpers controller-manager cri-api cri-client
  csi-translation-lib dynamic-resource-allocation endpointslice externaljwt kms kube-aggregator
  kube-controller-manager kube-proxy kube-scheduler kubectl kubelet metrics mount-utils
  pod-security-admission sample-apiserver sample-cli-plugin sample-controller)

{
  echo "module pptpgw.io/kube-api-binaries"
  echo
  echo "go 1.24.0"
  echo
  echo "require k8s.io/kubernetes v${K8S_VERSION}"
  echo
  echo "replace ("
  for m in "${staging[@]}"; do echo "	k8s.io/$m => k8s.io/$m $STAGING_VERSION"; done
  echo ")"
} > go.mod

export GOFLAGS="-mod=mod -buildvcs=false"
export CGO_ENABLED=0
start=$SECONDS
echo "resolving k8s.io/kubernetes v$K8S_VERSION (staging $STAGING_VERSION) ..."
go get "k8s.io/kubernetes@v${K8S_VERSION}"
mkdir -p "$WORK/bin"
echo "building kube-apiserver, kubectl and etcd ..."
# The version stamp Kubernetes' own build adds (hack/lib/version.sh); /version reports it.
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=v${K8S_VERSION} -X $pkg.gitMajor=${K8S_VERSION%%.*}"
  ldflags+=" -X $pkg.gitMinor=$(echo "$K8S_VERSION" | cut -d. -f2) -X $pkg.gitTreeState=clean"
done
go build -trimpath -ldflags="$ldflags" -o "$WORK/bin/" \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kubectl go.etcd.io/etcd/server/v3
for name in server v3; do if [[ -f "$WORK/bin/$name" ]]; then mv "$WORK/bin/$name" "$WORK/bin/etcd"; fi; done
mkdir -p "$TARGET"
install -m 0755 "$WORK/bin/kube-apiserver" "$WORK/bin/kubectl" "$WORK/bin/etcd" "$TARGET/"
echo "installed kube-apiserver, etcd and kubectl into $TARGET in $((SECONDS - start)) s"
