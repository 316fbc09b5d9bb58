package io.pptpgw.ppp.auth.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCredentialStoreTest {
    @TempDir
    Path dir;

    @Test
    void yamlFileIsReadAndReloadedOnlyWhenItChanges() throws IOException {
        Path file = Files.writeString(dir.resolve("users.yaml"), "alice: one\n");
        FileCredentialStore store = FileCredentialStore.open(file);
        assertThat(store.find("alice")).contains(new Credential.Password("one"));
        assertThat(store.reloadIfChanged()).isEqualTo(new FileCredentialStore.ReloadOutcome.Unchanged());

        Files.writeString(file, "alice: two\nbob: three\n");
        assertThat(store.reloadIfChanged()).isEqualTo(new FileCredentialStore.ReloadOutcome.Reloaded(2));
        assertThat(store.find("alice")).contains(new Credential.Password("two"));
        assertThat(store.find("bob")).contains(new Credential.Password("three"));
        assertThat(store.reloadIfChanged()).isEqualTo(new FileCredentialStore.ReloadOutcome.Unchanged());
    }

    @Test
    void malformedReloadKeepsThePreviousUsersAndIsReportedOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("users.yaml"), "alice: one\n");
        FileCredentialStore store = FileCredentialStore.open(file);
        Files.writeString(file, "alice: one\nbob: nthash:zz\n");
        assertThat(store.reloadIfChanged())
                .isInstanceOfSatisfying(
                        FileCredentialStore.ReloadOutcome.Rejected.class,
                        rejected -> assertThat(rejected.problems())
                                .singleElement()
                                .asString()
                                .startsWith("entry \"bob\""));
        assertThat(store.find("alice")).contains(new Credential.Password("one"));
        assertThat(store.reloadIfChanged()).isEqualTo(new FileCredentialStore.ReloadOutcome.Unchanged());
    }

    @Test
    void openRefusesMalformedInputNamingEveryEntry() throws IOException {
        Path file = Files.writeString(dir.resolve("users.yaml"), "alice:\nbob: [x]\n");
        assertThatThrownBy(() -> FileCredentialStore.open(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry \"alice\" has no secret")
                .hasMessageContaining("entry \"bob\" is a list");
        assertThatThrownBy(() -> FileCredentialStore.open(dir.resolve("missing.yaml")))
                .isInstanceOf(IOException.class);
    }

    /** The layout kubelet gives a Secret volume: users are links into a timestamped directory behind "..data". */
    @Test
    void kubernetesSecretVolumeIsReadAndAnAtomicSwapOfItIsPickedUp() throws IOException {
        Path secret = Files.createDirectory(dir.resolve("secret"));
        publishSecretVersion(
                secret,
                "..2026_01_01_00_00_00.000000001",
                "alice",
                "one\n",
                "bob",
                "nthash:8846f7eaee8fb117ad06bdd830b7586c");
        FileCredentialStore store = FileCredentialStore.open(secret);
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.find("alice")).contains(new Credential.Password("one"));
        assertThat(store.find("..data")).isEmpty();

        publishSecretVersion(
                secret,
                "..2026_01_01_00_05_00.000000002",
                "alice",
                "two",
                "bob",
                "nthash:8846f7eaee8fb117ad06bdd830b7586c");
        assertThat(store.reloadIfChanged()).isEqualTo(new FileCredentialStore.ReloadOutcome.Reloaded(2));
        assertThat(store.find("alice")).contains(new Credential.Password("two"));
    }

    @Test
    void aDirectoryInsideTheSecretIsRejectedByName() throws IOException {
        Path secret = Files.createDirectory(dir.resolve("secret"));
        Files.writeString(secret.resolve("alice"), "one");
        FileCredentialStore store = FileCredentialStore.open(secret);
        Files.createDirectory(secret.resolve("nested"));
        assertThat(store.reloadIfChanged())
                .isInstanceOfSatisfying(
                        FileCredentialStore.ReloadOutcome.Rejected.class,
                        rejected -> assertThat(rejected.problems().getFirst())
                                .contains("entry \"nested\"")
                                .contains("is not a regular file"));
        assertThat(store.find("alice")).isPresent();
    }

    /**
     * A reader looking users up all through a series of reloads always sees one whole version or the other, and a
     * credential it already holds is untouched by the swap.
     */
    @Test
    void reloadSwapsAtomicallyUnderConcurrentLookups() throws Exception {
        Path file = Files.writeString(dir.resolve("users.yaml"), version(0));
        FileCredentialStore store = FileCredentialStore.open(file);
        Credential heldBySession = store.find("alice").orElseThrow();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> inconsistency = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                Optional<Credential> alice = store.find("alice");
                Optional<Credential> bob = store.find("bob");
                if (alice.isEmpty() || bob.isEmpty()) {
                    inconsistency.set("a user vanished during a reload");
                }
            }
        });
        try {
            for (int version = 1; version <= 50; version++) {
                Files.writeString(file, version(version));
                assertThat(store.reloadIfChanged()).isEqualTo(new FileCredentialStore.ReloadOutcome.Reloaded(2));
            }
        } finally {
            stop.set(true);
            reader.join();
        }
        assertThat(inconsistency.get()).isNull();
        assertThat(heldBySession).isEqualTo(new Credential.Password("alice-0"));
        assertThat(store.find("alice")).contains(new Credential.Password("alice-50"));
    }

    private static String version(int n) {
        return "alice: alice-" + n + "\nbob: bob-" + n + "\n";
    }

    /** Writes a new timestamped directory and swaps "..data" to it, as kubelet's atomic writer does. */
    private static void publishSecretVersion(Path secret, String versionDir, String... namesAndValues)
            throws IOException {
        Path version = Files.createDirectory(secret.resolve(versionDir));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Files.writeString(version.resolve(namesAndValues[i]), namesAndValues[i + 1]);
        }
        Path link = secret.resolve("..data_tmp");
        Files.createSymbolicLink(link, secret.relativize(version));
        Files.move(
                link,
                secret.resolve("..data"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Path user = secret.resolve(namesAndValues[i]);
            if (!Files.isSymbolicLink(user)) {
                Files.createSymbolicLink(user, Path.of("..data", namesAndValues[i]));
            }
        }
    }
}
