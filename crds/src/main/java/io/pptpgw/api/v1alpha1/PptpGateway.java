package io.pptpgw.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A PPTP gateway: one host-network gateway pod on every node that its selector picks. */
@Group(PptpGateway.GROUP)
@Version(PptpGateway.VERSION)
@Kind("PptpGateway")
@ShortNames("pptpgw")
public class PptpGateway extends CustomResource<PptpGatewaySpec, PptpGatewayStatus> implements Namespaced {
    public static final String GROUP = "pptpgw.io";
    public static final String VERSION = "v1alpha1";
}
