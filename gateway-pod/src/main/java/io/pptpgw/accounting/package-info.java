/** The accounting record: one log line per session end on the {@code io.pptpgw.accounting} logger. */
package io.pptpgw.accounting;
