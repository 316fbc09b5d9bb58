package io.pptpgw.ppp.fsm;

/**
 * What a control protocol tells the layer above it (RFC 1661 §4.4, tlu/tld/tls/tlf). The link runs these after the
 * automaton's transition is complete, so it may feed new events to any protocol from here.
 */
public interface LayerEvents {
    void thisLayerUp();

    void thisLayerDown();

    void thisLayerStarted();

    void thisLayerFinished();
}
