/**
 * The only place with native downcalls (Java FFM): libc handles, errno and its exception, the raw GRE socket
 * (batched with recvmmsg/sendmmsg), poll with an eventfd wakeup, and entering network namespaces (setns).
 */
package io.pptpgw.sys;
