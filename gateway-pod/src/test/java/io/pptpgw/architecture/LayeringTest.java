package io.pptpgw.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/**
 * The layering the brief decides: protocol packages are pure (no sockets, no threads, no native calls, no Netty
 * channels, Fabric8 or Prometheus), and native calls happen only in {@code sys} and {@code tun}. Rules allow an
 * empty package, so they hold from the first commit of each package on.
 */
class LayeringTest {
    static final String[] PROTOCOL_PACKAGES = {
        "io.pptpgw.pptp.control", "io.pptpgw.gre", "io.pptpgw.ppp..", "io.pptpgw.mppe", "io.pptpgw.crypto"
    };
    static final String[] NATIVE_CALL_PACKAGES = {"io.pptpgw.sys..", "io.pptpgw.tun.."};

    /** The types through which Java calls native code (FFM downcalls); MemorySegment as a byte container is fine. */
    static final DescribedPredicate<JavaClass> NATIVE_CALL_TYPES = belongToAnyOf(
                    Linker.class, SymbolLookup.class, FunctionDescriptor.class)
            .as("native-call types");

    static final DescribedPredicate<JavaClass> SOCKETS = resideInAnyPackage("java.nio.channels..", "java.net.http..")
            .or(belongToAnyOf(Socket.class, ServerSocket.class, DatagramSocket.class))
            .as("sockets");

    static final DescribedPredicate<JavaClass> THREADS = belongToAnyOf(
                    Thread.class,
                    ThreadGroup.class,
                    ThreadFactory.class,
                    Executors.class,
                    ExecutorService.class,
                    ScheduledExecutorService.class,
                    ThreadPoolExecutor.class,
                    ForkJoinPool.class,
                    CompletableFuture.class,
                    Timer.class)
            .as("thread-creating classes");

    static final DescribedPredicate<JavaClass> FRAMEWORKS = resideInAnyPackage(
                    "io.netty.channel..", "io.fabric8..", "io.prometheus..")
            .as("Netty channels, Fabric8, Prometheus");

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pptpgw");

    static ArchRule protocolPackagesArePure(String... packages) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages)
                .should()
                .dependOnClassesThat(FRAMEWORKS.or(SOCKETS).or(THREADS).or(NATIVE_CALL_TYPES))
                .because("protocol code takes bytes and returns values or actions (BRIEF §3, STYLE §1.2)")
                .allowEmptyShould(true);
    }

    static ArchRule nativeCallsOnlyIn(String... packages) {
        return noClasses()
                .that()
                .resideOutsideOfPackages(packages)
                .should()
                .dependOnClassesThat(NATIVE_CALL_TYPES)
                .because("native calls live behind the sys and tun seams (STYLE §10)")
                .allowEmptyShould(true);
    }

    @Test
    void protocolPackagesUseNoSocketsThreadsNativeCallsOrFrameworks() {
        protocolPackagesArePure(PROTOCOL_PACKAGES).check(MAIN_CLASSES);
    }

    @Test
    void onlySysAndTunMakeNativeCalls() {
        nativeCallsOnlyIn(NATIVE_CALL_PACKAGES).check(MAIN_CLASSES);
    }
}
