/** The gateway process: the data plane, sessions, control server and node programming wired from a config. */
package io.pptpgw.gateway;
