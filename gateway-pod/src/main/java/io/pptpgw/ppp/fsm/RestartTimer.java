package io.pptpgw.ppp.fsm;

/**
 * The Restart timer of RFC 1661 §4.6. When it expires, its owner calls {@link Automaton#timeout()}, which chooses
 * TO+ or TO- from the restart counter.
 */
public interface RestartTimer {
    /** Starts the timer, or restarts it if running. */
    void start();

    void stop();
}
