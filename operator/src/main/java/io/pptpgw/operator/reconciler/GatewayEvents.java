package io.pptpgw.operator.reconciler;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.operator.status.Transition;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records condition transitions as core/v1 Events on the gateway, so {@code kubectl describe pptpgw} tells the
 * story. An Event that cannot be written is logged, never a reconcile failure.
 */
public class GatewayEvents {
    static final String COMPONENT = "pptpgw-operator";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayEvents.class);

    private final KubernetesClient client;
    private final Clock clock;

    public GatewayEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void emit(PptpGateway gateway, List<Transition> transitions) {
        for (Transition transition : transitions) {
            LOG.atInfo()
                    .addKeyValue(
                            "gateway",
                            gateway.getMetadata().getNamespace() + "/"
                                    + gateway.getMetadata().getName())
                    .addKeyValue("reason", transition.reason())
                    .log(
                            "{} {}: {}",
                            transition.warning() ? "warning" : "event",
                            transition.reason(),
                            transition.message());
            try {
                client.v1()
                        .events()
                        .inNamespace(gateway.getMetadata().getNamespace())
                        .resource(event(gateway, transition))
                        .create();
            } catch (KubernetesClientException e) {
                LOG.warn(
                        "cannot record event {} on {}: {}",
                        transition.reason(),
                        gateway.getMetadata().getName(),
                        e.getMessage());
            }
        }
    }

    private io.fabric8.kubernetes.api.model.Event event(PptpGateway gateway, Transition transition) {
        Instant now = clock.instant();
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        return new EventBuilder()
                .withNewMetadata()
                .withGenerateName(gateway.getMetadata().getName() + ".")
                .withNamespace(gateway.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(gateway.getApiVersion())
                        .withKind(gateway.getKind())
                        .withName(gateway.getMetadata().getName())
                        .withNamespace(gateway.getMetadata().getNamespace())
                        .withUid(gateway.getMetadata().getUid())
                        .withResourceVersion(gateway.getMetadata().getResourceVersion())
                        .build())
                .withType(transition.warning() ? "Warning" : "Normal")
                .withReason(transition.reason())
                .withMessage(transition.message())
                .withFirstTimestamp(time)
                .withLastTimestamp(time)
                .withCount(1)
                .withNewSource()
                .withComponent(COMPONENT)
                .endSource()
                .withReportingComponent(COMPONENT)
                .build();
    }
}
