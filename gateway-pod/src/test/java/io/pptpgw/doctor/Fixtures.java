package io.pptpgw.doctor;

import io.pptpgw.config.GatewayConfig;
import io.pptpgw.config.GatewayConfigLoader;
import io.pptpgw.net.RecordingCommandRunner;
import io.pptpgw.nft.RecordingNft;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The office config and saved nft JSON, for doctor tests without a kernel. */
final class Fixtures {
    static final GatewayConfig OFFICE = GatewayConfigLoader.load(Path.of("../examples/office.yaml"));

    private Fixtures() {}

    static String read(String resource) {
        try {
            return Files.readString(Path.of("src/test/resources/doctor", resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DoctorContext context(RecordingNft nft, RecordingCommandRunner runner) {
        return new DoctorContext(OFFICE, runner, nft, List.of());
    }

    static DoctorContext withRuleset(String json) {
        RecordingNft nft = new RecordingNft();
        nft.setRulesetJson(json);
        return context(nft, new RecordingCommandRunner());
    }
}
