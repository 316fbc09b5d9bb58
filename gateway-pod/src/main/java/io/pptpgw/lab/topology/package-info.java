/** Network topologies as immutable values: hosts, veth links, bridges, addresses, routes and sysctls. */
package io.pptpgw.lab.topology;
