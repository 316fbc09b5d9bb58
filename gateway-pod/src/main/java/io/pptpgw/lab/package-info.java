/**
 * The network lab: topologies built in real Linux network namespaces joined by veths, commands and Java processes
 * run inside them, teardown that survives crashes, and the JUnit extension that hands a lab to a test.
 */
package io.pptpgw.lab;
