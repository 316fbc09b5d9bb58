package io.pptpgw.operator.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.pptpgw.api.v1alpha1.PptpGateway;
import java.util.List;

/** Metadata of every object made for a gateway: its name, namespace, labels and the gateway as controlling owner. */
final class Owners {
    private Owners() {}

    static ObjectMeta metadata(PptpGateway gateway, String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(gateway.getMetadata().getNamespace())
                .withLabels(GatewayLabels.all(gateway))
                .withOwnerReferences(List.of(ownerReference(gateway)))
                .build();
    }

    /** Garbage collection deletes what a gateway owns when the gateway goes; no finalizer needed. */
    static OwnerReference ownerReference(PptpGateway gateway) {
        return new OwnerReferenceBuilder()
                .withApiVersion(gateway.getApiVersion())
                .withKind(gateway.getKind())
                .withName(gateway.getMetadata().getName())
                .withUid(gateway.getMetadata().getUid())
                .withController(true)
                .build();
    }
}
