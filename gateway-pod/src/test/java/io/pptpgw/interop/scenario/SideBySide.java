package io.pptpgw.interop.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two logs of one PPP conversation in two columns, the real peer's (pppd) on the left and ours on the right, with
 * each control packet on one row: pppd's {@code sent [LCP ConfReq id=0x1 ...]} beside our {@code recv [LCP ConfReq
 * id=0x1 ...]}. Rows are paired by protocol, code, identifier and direction (a longest common subsequence), so a
 * packet one side sent and the other never logged stands alone on its row, which is where a failure usually shows.
 *
 * <p>The left column keeps every pppd line; the right keeps our packet lines and everything at INFO or above.
 */
public final class SideBySide {

    private static final int WIDTH = 96;
    /** The alignment table is rows x rows: keep the latest lines of long logs. */
    private static final int MAXIMUM_ROWS = 2000;

    private static final Pattern PPPD_PACKET = Pattern.compile("(sent|rcvd) \\[(\\S+) (\\S+) id=(0x[0-9a-f]+)");
    private static final Pattern OUR_PACKET = Pattern.compile("(sent|recv) \\[(\\S+) (\\S+) id=(0x[0-9a-f]+)");
    /** Logback's {@code HH:mm:ss.SSS LEVEL [thread] logger - message}: keep the time and the message. */
    private static final Pattern OUR_LINE =
            Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) +(TRACE|DEBUG|INFO|WARN|ERROR) +\\[[^]]*] \\S+ - (.*)$");

    private SideBySide() {}

    /** A line of one column and the key it pairs by (null: pairs with nothing). */
    private record Row(String text, String key) {}

    public static String render(String leftTitle, String pppdLog, String rightTitle, String ourTrace) {
        List<Row> left = latest(pppdRows(pppdLog));
        List<Row> right = latest(ourRows(ourTrace));
        StringBuilder out = new StringBuilder();
        line(out, leftTitle, rightTitle, " | ");
        line(out, "-".repeat(WIDTH), "-".repeat(WIDTH), "-+-");
        int[][] common = commonSuffixLengths(left, right);
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            if (i < left.size() && j < right.size() && paired(left.get(i), right.get(j))) {
                line(out, left.get(i++).text(), right.get(j++).text(), " | ");
            } else if (j >= right.size() || (i < left.size() && common[i + 1][j] >= common[i][j + 1])) {
                line(out, left.get(i++).text(), "", " | ");
            } else {
                line(out, "", right.get(j++).text(), " | ");
            }
        }
        return out.toString();
    }

    private static List<Row> latest(List<Row> rows) {
        return rows.subList(Math.max(0, rows.size() - MAXIMUM_ROWS), rows.size());
    }

    private static boolean paired(Row left, Row right) {
        return left.key() != null && left.key().equals(right.key());
    }

    /** {@code common[i][j]}: the longest common subsequence of {@code left[i..]} and {@code right[j..]}. */
    private static int[][] commonSuffixLengths(List<Row> left, List<Row> right) {
        int[][] common = new int[left.size() + 1][right.size() + 1];
        for (int i = left.size() - 1; i >= 0; i--) {
            for (int j = right.size() - 1; j >= 0; j--) {
                common[i][j] = paired(left.get(i), right.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        return common;
    }

    /** pppd's {@code sent} travels left to right, its {@code rcvd} right to left. */
    private static List<Row> pppdRows(String log) {
        List<Row> rows = new ArrayList<>();
        for (String line : log.lines().toList()) {
            Matcher packet = PPPD_PACKET.matcher(line);
            rows.add(new Row(line, packet.find() ? key(packet, packet.group(1).equals("sent")) : null));
        }
        return rows;
    }

    /** Our {@code recv} travelled left to right, our {@code sent} right to left. */
    private static List<Row> ourRows(String trace) {
        List<Row> rows = new ArrayList<>();
        for (String line : trace.lines().toList()) {
            Matcher logLine = OUR_LINE.matcher(line);
            if (!logLine.matches()) {
                continue; // stack traces and continuation lines stay in the full trace
            }
            String text = logLine.group(1) + " " + logLine.group(3);
            Matcher packet = OUR_PACKET.matcher(logLine.group(3));
            if (packet.lookingAt()) {
                rows.add(new Row(text, key(packet, packet.group(1).equals("recv"))));
            } else if (!logLine.group(2).equals("DEBUG") && !logLine.group(2).equals("TRACE")) {
                rows.add(new Row(text, null));
            }
        }
        return rows;
    }

    private static String key(Matcher packet, boolean leftToRight) {
        return (leftToRight ? ">" : "<") + " " + packet.group(2) + " " + packet.group(3) + " " + packet.group(4);
    }

    private static void line(StringBuilder out, String left, String right, String separator) {
        out.append(fit(left)).append(separator).append(right.length() > WIDTH ? fit(right) : right);
        out.append('\n');
    }

    private static String fit(String text) {
        String flat = text.replace('\t', ' ');
        if (flat.length() > WIDTH) {
            return flat.substring(0, WIDTH - 1) + "~";
        }
        return flat + " ".repeat(WIDTH - flat.length());
    }
}
