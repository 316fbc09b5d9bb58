/** Test helpers shared by the operator's test packages. */
package io.pptpgw.operator.testing;
