package io.pptpgw.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prints named logs when a test fails, one after the other: the VM's console and guest logs, pppd's trace, and
 * (in the scenarios to come) our gateway's trace, so a failure shows both sides of the wire.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FailureReport report = new FailureReport();
 * ...
 * report.add("VM", vm::diagnostics);                    // in @BeforeAll
 * report.addForThisTest("gateway", gateway::trace);     // in the test
 * }</pre>
 */
public final class FailureReport implements AfterEachCallback {

    private record Source(String name, Supplier<String> log, boolean forOneTest) {}

    private final List<Source> sources = new ArrayList<>();

    /** A log to print whenever a test of the class fails (register it in a {@code @BeforeAll}). */
    public synchronized FailureReport add(String name, Supplier<String> log) {
        sources.add(new Source(name, log, false));
        return this;
    }

    /** A log to print if the running test fails; forgotten after it. */
    public synchronized FailureReport addForThisTest(String name, Supplier<String> log) {
        sources.add(new Source(name, log, true));
        return this;
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            print(context);
        }
        sources.removeIf(Source::forOneTest);
    }

    private void print(ExtensionContext context) {
        StringBuilder out = new StringBuilder("\n########## failure report for " + context.getDisplayName() + "\n");
        for (Source source : sources) {
            out.append("########## ").append(source.name()).append('\n');
            try {
                out.append(source.log().get()).append('\n');
            } catch (RuntimeException e) {
                out.append("(cannot collect: ").append(e).append(")\n");
            }
        }
        System.out.println(out);
    }
}
