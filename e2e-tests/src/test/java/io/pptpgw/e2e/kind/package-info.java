/**
 * The kind end-to-end test's assets (kind/run.sh, the client image and its dial script, the manifests, the
 * workflows, the image recipe), and the tests that exercise them here, where no Docker engine or kind runs.
 */
package io.pptpgw.e2e.kind;
