package io.pptpgw.nft;

import io.pptpgw.net.CommandResult;
import io.pptpgw.net.CommandRunner;
import java.util.List;

/**
 * The real {@code nft}, run through a {@link CommandRunner} (so it can act inside a network namespace). Scripts go
 * to standard input, never to a file or the command line.
 */
public final class NftCli implements Nft {
    private final CommandRunner runner;
    private volatile Features features;

    public NftCli(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public void check(String script) {
        run(List.of("nft", "--check", "-f", "-"), script);
    }

    @Override
    public void apply(String script) {
        run(List.of("nft", "-f", "-"), script);
    }

    @Override
    public String listTable(Family family, String table) {
        return run(List.of("nft", "list", "table", family.keyword(), TableObject.checkName("table", table)), "");
    }

    @Override
    public void deleteTable(Family family, String table) {
        run(List.of("nft", "delete", "table", family.keyword(), TableObject.checkName("table", table)), "");
    }

    @Override
    public String listRulesetJson() {
        return run(List.of("nft", "-j", "list", "ruleset"), "");
    }

    @Override
    public Features features() {
        Features known = features;
        if (known == null) {
            String nftVersion = run(List.of("nft", "--version"), "");
            CommandResult kernel = runner.run(List.of("uname", "-r"), "");
            known = Features.detect(nftVersion, kernel.succeeded() ? kernel.stdout() : "");
            features = known;
        }
        return known;
    }

    private String run(List<String> argv, String stdin) {
        CommandResult result = runner.run(argv, stdin);
        if (!result.succeeded()) {
            throw new NftException(argv, result.exitCode(), result.stderr(), stdin.isEmpty() ? null : stdin);
        }
        return result.stdout();
    }
}
