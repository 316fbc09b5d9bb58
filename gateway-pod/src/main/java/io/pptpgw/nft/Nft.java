package io.pptpgw.nft;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nftables seam. {@link NftCli} runs the real {@code nft}; {@link RecordingNft} records calls for tests. Every
 * failure is an {@link NftException} carrying nft's own message.
 */
public interface Nft {
    /** {@code nft --check -f -}: the kernel validates the whole script and applies nothing. */
    void check(String script);

    /** {@code nft -f -}: the script as one atomic transaction. */
    void apply(String script);

    /** {@code nft list table FAMILY NAME}; {@link NftException#isNotFound()} when there is no such table. */
    String listTable(Family family, String table);

    /** {@code nft delete table FAMILY NAME}; {@link NftException#isNotFound()} when there is no such table. */
    void deleteTable(Family family, String table);

    /** {@code nft -j list ruleset}: every table of the namespace as nft's JSON. */
    String listRulesetJson();

    /** What this nft and kernel support. */
    Features features();

    /** Optional features, detected once per process. */
    record Features(boolean destroy) {
        public static final Features BASELINE = new Features(false);
        private static final Pattern NFT_VERSION = Pattern.compile("v(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
        private static final Pattern KERNEL_VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

        /**
         * {@code destroy table} needs nft 1.0.8 (the parser) and Linux 6.3 (NFT_MSG_DESTROYTABLE).
         *
         * @param nftVersion the output of {@code nft --version}, e.g. {@code nftables v1.0.6 (Lester Gooch #5)}
         * @param kernelRelease {@code uname -r}, e.g. {@code 6.1.0-18-amd64}
         */
        public static Features detect(String nftVersion, String kernelRelease) {
            Matcher nft = NFT_VERSION.matcher(nftVersion == null ? "" : nftVersion);
            Matcher kernel = KERNEL_VERSION.matcher(kernelRelease == null ? "" : kernelRelease.strip());
            if (!nft.find() || !kernel.find()) {
                return BASELINE;
            }
            boolean nftHasDestroy = atLeast(nft, 1, 0, 8);
            boolean kernelHasDestroy = atLeast(kernel, 6, 3, 0);
            return new Features(nftHasDestroy && kernelHasDestroy);
        }

        private static boolean atLeast(Matcher version, int major, int minor, int patch) {
            int[] found = new int[3];
            for (int i = 0; i < 3; i++) {
                String group = i < version.groupCount() ? version.group(i + 1) : null;
                found[i] = group == null ? 0 : Integer.parseInt(group);
            }
            return java.util.Arrays.compare(found, new int[] {major, minor, patch}) >= 0;
        }
    }
}
