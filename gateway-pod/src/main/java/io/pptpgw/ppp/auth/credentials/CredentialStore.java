package io.pptpgw.ppp.auth.credentials;

import java.util.Map;
import java.util.Optional;

/** Looks a user's credential up by name (the name without any {@code DOMAIN\} prefix). Safe for concurrent use. */
@FunctionalInterface
public interface CredentialStore {
    Optional<Credential> find(String user);

    /** A fixed store, for tests and the embedded default user. */
    static CredentialStore of(Map<String, Credential> users) {
        Map<String, Credential> copy = Map.copyOf(users);
        return user -> Optional.ofNullable(copy.get(user));
    }
}
