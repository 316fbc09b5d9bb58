package io.pptpgw.gre;

import java.lang.foreign.MemorySegment;

/**
 * Takes a session's GRE payloads (PPP frames) in sequence order from its {@link ReorderBuffer}. The bytes are valid
 * only during the call and may be changed in place (decryption); keep nothing that points at them.
 */
@FunctionalInterface
public interface InOrderReceiver {
    void receiveInOrder(int sequenceNumber, MemorySegment segment, long offset, int length);
}
