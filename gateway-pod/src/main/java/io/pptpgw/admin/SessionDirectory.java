package io.pptpgw.admin;

import java.util.List;

/**
 * Where the admin socket finds the sessions: the session layer implements it over its session table. Asked from the
 * admin thread whenever a client asks, so it must be thread safe and must not block for long; a moment-old snapshot
 * is fine.
 */
@FunctionalInterface
public interface SessionDirectory {
    SessionDirectory EMPTY = List::of;

    /** Every session the gateway holds now, in any order. */
    List<ActiveSession> sessions();
}
