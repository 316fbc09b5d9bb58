package io.pptpgw.api.v1alpha1;

import java.util.ArrayList;
import java.util.List;

/** A short line-by-line difference for test failure messages: expected lines with "-", actual with "+". */
final class LineDiff {
    private LineDiff() {}

    static String firstDifferences(String expected, String actual, int maxLines) {
        List<String> left = expected.lines().toList();
        List<String> right = actual.lines().toList();
        List<String> out = new ArrayList<>();
        int size = Math.max(left.size(), right.size());
        for (int i = 0; i < size && out.size() < maxLines; i++) {
            String l = i < left.size() ? left.get(i) : null;
            String r = i < right.size() ? right.get(i) : null;
            if (l == null || !l.equals(r)) {
                if (l != null) out.add("%5d - %s".formatted(i + 1, l));
                if (r != null) out.add("%5d + %s".formatted(i + 1, r));
            }
        }
        return String.join(System.lineSeparator(), out);
    }
}
