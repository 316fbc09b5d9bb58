package io.pptpgw.lab.topology;

/** A veth pair joining two namespaces; each end is created directly in its own namespace. */
public record Link(Endpoint a, Endpoint b) {
    public static Link between(Endpoint a, Endpoint b) {
        return new Link(a, b);
    }

    @Override
    public String toString() {
        return a + " <-> " + b;
    }
}
