package io.pptpgw.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** nftables works inside a lab namespace, and what is added there stays there. */
@LabTopology("pair")
class NftInNamespaceIT {
    private static final String TABLE = """
            table inet lab_probe {
            	chain input {
            		type filter hook input priority filter; policy accept;
            		tcp dport 1723 counter
            	}
            }
            """;

    @Test
    void aTableIsAddedListedAndDeletedInsideOneNamespaceOnly(Lab lab) {
        Namespace a = lab.namespace("a");

        a.command("nft", "-f", "-").withInput(TABLE).run().orThrow();

        assertThat(a.exec("nft", "list", "table", "inet", "lab_probe").orThrow().stdout())
                .contains("type filter hook input priority filter; policy accept;")
                .contains("tcp dport 1723 counter packets 0 bytes 0");
        assertThat(lab.namespace("b").exec("nft", "list", "tables").orThrow().stdout())
                .doesNotContain("lab_probe");
        assertThat(Invocation.of("nft", "list", "tables").run().orThrow().stdout())
                .as("the test's own namespace")
                .doesNotContain("lab_probe");

        a.exec("nft", "delete", "table", "inet", "lab_probe").orThrow();

        ExecResult listing = a.exec("nft", "list", "table", "inet", "lab_probe");
        assertThat(listing.succeeded()).isFalse();
        assertThat(listing.stderr()).contains("No such file or directory");
    }

    @Test
    void aRuleCountsTrafficThatReachesTheNamespace(Lab lab) {
        Namespace a = lab.namespace("a");
        a.command("nft", "-f", "-")
                .withInput(TABLE.replace("tcp dport 1723", "icmp type echo-request"))
                .run()
                .orThrow();

        lab.namespace("b")
                .exec("ping", "-c", "3", "-i", "0.2", "-W", "2", lab.address("a", "eth0"))
                .orThrow();

        assertThat(a.exec("nft", "list", "table", "inet", "lab_probe").orThrow().stdout())
                .contains("icmp type echo-request counter packets 3 ");
    }
}
