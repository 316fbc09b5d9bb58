package io.pptpgw.net;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link CommandRunner} for tests: it records every argument vector and standard input, and answers from
 * rules matched by argument-vector prefix (the first matching rule wins; unmatched commands succeed silently).
 */
public final class RecordingCommandRunner implements CommandRunner {
    /** One recorded invocation. */
    public record Invocation(List<String> argv, String stdin) {}

    private record Answer(List<String> prefix, Function<Invocation, CommandResult> result) {}

    private final List<Invocation> invocations = new ArrayList<>();
    private final List<Answer> answers = new ArrayList<>();

    /** Commands starting with {@code prefix} print {@code stdout} and succeed. */
    public RecordingCommandRunner answer(List<String> prefix, String stdout) {
        return answer(prefix, call -> CommandResult.ok(call.argv(), stdout));
    }

    /** Commands starting with {@code prefix} fail with {@code exitCode} and {@code stderr}. */
    public RecordingCommandRunner fail(List<String> prefix, int exitCode, String stderr) {
        return answer(prefix, call -> new CommandResult(call.argv(), exitCode, "", stderr));
    }

    public synchronized RecordingCommandRunner answer(List<String> prefix, Function<Invocation, CommandResult> result) {
        answers.addFirst(new Answer(List.copyOf(prefix), result));
        return this;
    }

    @Override
    public synchronized CommandResult run(List<String> argv, String stdin) {
        Invocation call = new Invocation(List.copyOf(argv), stdin == null ? "" : stdin);
        invocations.add(call);
        for (Answer answer : answers) {
            if (argv.size() >= answer.prefix().size()
                    && argv.subList(0, answer.prefix().size()).equals(answer.prefix())) {
                return answer.result().apply(call);
            }
        }
        return CommandResult.ok(argv, "");
    }

    public synchronized List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    public synchronized List<List<String>> argvs() {
        return invocations.stream().map(Invocation::argv).toList();
    }

    public synchronized void clear() {
        invocations.clear();
    }
}
