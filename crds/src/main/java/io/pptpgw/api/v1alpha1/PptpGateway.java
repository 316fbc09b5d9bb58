package io.pptpgw.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A PPTP gateway: one host-network gateway pod on every node that its selector picks. */
@Group(PptpGateway.GROUP)
@Version(PptpGateway.VERSION)
@Kind(PptpGateway.KIND)
@ShortNames("pptpgw")
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Nodes", jsonPath = ".status.readyNodes", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Pool", jsonPath = ".spec.clientPool.cidr", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Reason",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
        type = AdditionalPrinterColumn.Type.STRING,
        priority = 1)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class PptpGateway extends CustomResource<PptpGatewaySpec, PptpGatewayStatus> implements Namespaced {
    public static final String GROUP = "pptpgw.io";
    public static final String VERSION = "v1alpha1";
    public static final String KIND = "PptpGateway";
    public static final String CRD_NAME = "pptpgateways." + GROUP;
}
