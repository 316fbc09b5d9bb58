/**
 * The gateway's local admin endpoint: a Unix domain socket that answers with per-session figures as JSON, which the
 * metrics must not carry (no per-user labels), and the client {@code pptpgw sessions} uses to read them.
 */
package io.pptpgw.admin;
