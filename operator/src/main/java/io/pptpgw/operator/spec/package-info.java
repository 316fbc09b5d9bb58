/** The spec as the operator reads it: the values it acts on, with the schema's defaults applied. */
package io.pptpgw.operator.spec;
