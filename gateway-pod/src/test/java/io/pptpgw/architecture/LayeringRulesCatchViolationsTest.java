package io.pptpgw.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.pptpgw.architecture.fixture.PureCodec;
import io.pptpgw.architecture.fixture.UsesLinker;
import io.pptpgw.architecture.fixture.UsesNettyChannel;
import io.pptpgw.architecture.fixture.UsesSocket;
import io.pptpgw.architecture.fixture.UsesThread;
import org.junit.jupiter.api.Test;

/** The layering rules pass on empty packages, so each rule is shown here to fail on a class that breaks it. */
class LayeringRulesCatchViolationsTest {
    private static final String FIXTURE = "io.pptpgw.architecture.fixture..";

    private static EvaluationResult purity(Class<?>... classes) {
        JavaClasses imported = new ClassFileImporter().importClasses(classes);
        return LayeringTest.protocolPackagesArePure(FIXTURE).evaluate(imported);
    }

    @Test
    void aPureCodecPasses() {
        assertThat(purity(PureCodec.class).hasViolation()).isFalse();
    }

    @Test
    void eachForbiddenKindOfDependencyIsAViolation() {
        assertThat(purity(UsesSocket.class).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("java.net.Socket"));
        assertThat(purity(UsesThread.class).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("java.lang.Thread"));
        assertThat(purity(UsesNettyChannel.class).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("io.netty.channel.Channel"));
        assertThat(purity(UsesLinker.class).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("java.lang.foreign.Linker"));
    }

    @Test
    void nativeCallsOutsideSysAndTunAreAViolationInside() {
        JavaClasses imported = new ClassFileImporter().importClasses(UsesLinker.class, PureCodec.class);

        assertThat(LayeringTest.nativeCallsOnlyIn(LayeringTest.NATIVE_CALL_PACKAGES)
                        .evaluate(imported)
                        .hasViolation())
                .isTrue();
        assertThat(LayeringTest.nativeCallsOnlyIn(FIXTURE).evaluate(imported).hasViolation())
                .isFalse();
    }
}
