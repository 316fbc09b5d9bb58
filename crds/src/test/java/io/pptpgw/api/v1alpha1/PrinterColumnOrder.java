package io.pptpgw.api.v1alpha1;

import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.Comparator;
import java.util.List;

/**
 * Puts the printer columns in the order {@code kubectl get} should show them (the generator sorts them by JSON
 * path): Ready, Nodes, Pool, then the wide-only ones, and Age last as kubectl does for built-in kinds.
 */
final class PrinterColumnOrder implements CRDPostProcessor {
    static final List<String> ORDER = List.of("Ready", "Nodes", "Pool", "Reason", "Age");

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (crd instanceof CustomResourceDefinition definition) {
            for (var version : definition.getSpec().getVersions()) {
                List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
                columns.sort(Comparator.comparingInt(column -> rank(column.getName())));
            }
        }
        return crd;
    }

    private static int rank(String name) {
        int index = ORDER.indexOf(name);
        return index < 0 ? ORDER.size() : index;
    }
}
