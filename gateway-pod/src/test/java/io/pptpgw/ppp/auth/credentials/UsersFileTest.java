package io.pptpgw.ppp.auth.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.testing.Hex;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class UsersFileTest {
    @Test
    void passwordsAndNtHashes() {
        UsersFile.Parsed parsed = UsersFile.parseYaml("""
                alice: secret
                bob: nthash:8846f7eaee8fb117ad06bdd830b7586c
                "carol": "two words "
                """);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.users())
                .containsEntry("alice", new Credential.Password("secret"))
                .containsEntry("bob", new Credential.NtHash(Hex.bytes("8846f7eaee8fb117ad06bdd830b7586c")))
                .containsEntry("carol", new Credential.Password("two words "));
    }

    @Test
    void yamlScalarsThatLookLikeNumbersOrBooleansKeepTheirText() {
        UsersFile.Parsed parsed = UsersFile.parseYaml("dave: 007\neve: true\nfrank: 1.50\ngrace: 0x1F\n");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.users())
                .containsEntry("dave", new Credential.Password("007"))
                .containsEntry("eve", new Credential.Password("true"))
                .containsEntry("frank", new Credential.Password("1.50"))
                .containsEntry("grace", new Credential.Password("0x1F"));
    }

    @Test
    void emptyFileHasNoUsers() {
        assertThat(UsersFile.parseYaml("").users()).isEmpty();
        assertThat(UsersFile.parseYaml("# nobody yet\n").isValid()).isTrue();
    }

    @Test
    void badEntriesAreNamedAndTheWholeFileIsRejectedWithoutEchoingSecrets() {
        UsersFile.Parsed parsed = UsersFile.parseYaml("""
                alice: s3cret-alice
                bob: nthash:8846f7eaee8fb117ad06bdd830b7586
                carol:
                dave: [a, b]
                "OFFICE\\\\erin": pw-erin
                alice: s3cret-again
                """);
        assertThat(parsed.users()).isEmpty();
        assertThat(parsed.problems())
                .containsExactly(
                        "entry \"bob\": an NT hash after nthash: must be exactly 32 hexadecimal digits (it has 31"
                                + " characters)",
                        "entry \"carol\" has no secret",
                        "entry \"dave\" is a list, not a password or nthash:<32 hex>",
                        "entry \"OFFICE\\erin\": users are looked up without their DOMAIN\\ prefix (RFC 2759 §8.2);"
                                + " write the name alone",
                        "entry \"alice\" appears more than once");
        assertThat(String.join("\n", parsed.problems()))
                .doesNotContain("s3cret")
                .doesNotContain("8846f7")
                .doesNotContain("pw-erin");
    }

    @Test
    void notAMapAndNotYamlAreRejectedByLocationOnly() {
        assertThat(UsersFile.parseYaml("- alice\n- bob\n").problems())
                .containsExactly("a users file is a map of user: secret, not list");
        UsersFile.Parsed broken = UsersFile.parseYaml("alice: \"unterminated-s3cret\nbob: x\n");
        assertThat(broken.problems()).singleElement().asString().startsWith("the users file is not valid YAML (line");
        assertThat(broken.problems().getFirst()).doesNotContain("s3cret");
    }

    @Test
    void secretDirectoryEntriesLoseATrailingLineBreak() {
        TreeMap<String, String> entries = new TreeMap<>();
        entries.put("alice", "secret\n");
        entries.put("bob", "nthash:8846f7eaee8fb117ad06bdd830b7586c\r\n");
        entries.put("carol", "inner\nline");
        UsersFile.Parsed parsed = UsersFile.parseEntries(entries);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.users())
                .containsEntry("alice", new Credential.Password("secret"))
                .containsEntry("bob", new Credential.NtHash(Hex.bytes("8846f7eaee8fb117ad06bdd830b7586c")))
                .containsEntry("carol", new Credential.Password("inner\nline"));
        entries.put("dave", "\n");
        assertThat(UsersFile.parseEntries(entries).problems())
                .containsExactly("entry \"dave\": a password must not be empty");
    }

    @Test
    void credentialsNeverPrintTheirSecret() {
        assertThat(Credential.parse("hunter2").toString()).doesNotContain("hunter2");
        assertThat(Credential.parse("nthash:8846f7eaee8fb117ad06bdd830b7586c").toString())
                .doesNotContain("8846");
    }
}
