/**
 * Where users' secrets come from, kept apart from the authentication mechanics: a credential is a password or its
 * NT hash, looked up by user name in a store, here the users file or Secret directory the gateway is given.
 */
package io.pptpgw.ppp.auth.credentials;
