/**
 * The only place with native downcalls (Java FFM): libc handles, errno and its exception, the raw GRE socket
 * (batched with recvmmsg/sendmmsg), poll with an eventfd wakeup, entering network namespaces (setns), and for the lab's
 * impairments a packet capture (AF_PACKET) and a raw IPv4 sender (IP_HDRINCL).
 */
package io.pptpgw.sys;
