package io.pptpgw.operator.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Property-style checks as seeded loops: each failure message prints the seed and round that broke. */
class PoolSplitterTest {
    static final long SEED = 0x5EED_B001L;
    static final int ROUNDS = 500;

    @Test
    void newNodesGetTheLowestFreeSubPoolsInNameOrder() {
        PoolAssignment result =
                PoolSplitter.split(Ipv4Cidr.parse("10.250.0.0/16"), 24, List.of("c", "a", "b"), Map.of());
        assertThat(strings(result))
                .containsExactly(
                        Map.entry("a", "10.250.0.0/24"),
                        Map.entry("b", "10.250.1.0/24"),
                        Map.entry("c", "10.250.2.0/24"));
        assertThat(result.unassigned()).isEmpty();
        assertThat(result.shortage()).isEmpty();
    }

    @Test
    void aNodeKeepsItsSubPoolAndANewcomerFillsTheGap() {
        Map<String, String> previous = Map.of("worker-2", "10.250.5.0/24", "worker-9", "10.250.0.0/24");
        PoolAssignment result = PoolSplitter.split(
                Ipv4Cidr.parse("10.250.0.0/16"), 24, List.of("worker-1", "worker-2", "worker-9"), previous);
        assertThat(strings(result))
                .containsExactly(
                        Map.entry("worker-1", "10.250.1.0/24"),
                        Map.entry("worker-2", "10.250.5.0/24"),
                        Map.entry("worker-9", "10.250.0.0/24"));
    }

    @Test
    void invalidOrClashingPreviousPoolsAreReassigned() {
        Map<String, String> previous = Map.of(
                "a", "10.250.3.0/24", // kept
                "b", "10.250.3.0/24", // clashes with a: a wins (name order), b moves
                "c", "10.251.0.0/24", // outside the pool
                "d", "10.250.4.0/25", // wrong prefix length
                "e", "not a cidr");
        PoolAssignment result =
                PoolSplitter.split(Ipv4Cidr.parse("10.250.0.0/16"), 24, List.of("a", "b", "c", "d", "e"), previous);
        assertThat(strings(result))
                .containsExactly(
                        Map.entry("a", "10.250.3.0/24"),
                        Map.entry("b", "10.250.0.0/24"),
                        Map.entry("c", "10.250.1.0/24"),
                        Map.entry("d", "10.250.2.0/24"),
                        Map.entry("e", "10.250.4.0/24"));
    }

    @Test
    void aPoolTooSmallForTheNodesSaysByHowMuch() {
        PoolAssignment result = PoolSplitter.split(Ipv4Cidr.parse("10.0.0.0/30"), 30, List.of("a", "b", "c"), Map.of());
        assertThat(strings(result)).containsExactly(Map.entry("a", "10.0.0.0/30"));
        assertThat(result.unassigned()).containsExactly("b", "c");
        assertThat(result.shortage())
                .contains("clientPool 10.0.0.0/30 has 2 usable addresses; 3 nodes need at least 1 each");
    }

    @Test
    void tooFewSubPoolsSuggestsAPrefixLengthThatFits() {
        List<String> nodes = List.of("n1", "n2", "n3", "n4", "n5");
        PoolAssignment result = PoolSplitter.split(Ipv4Cidr.parse("10.1.0.0/24"), 26, nodes, Map.of());
        assertThat(result.unassigned()).containsExactly("n5");
        assertThat(result.shortage())
                .contains("clientPool 10.1.0.0/24 splits into 4 sub-pools of /26 (perNodePrefixLength); 5 nodes need"
                        + " one each: set perNodePrefixLength to 27 or widen clientPool.cidr");
    }

    @Test
    void propertySubPoolsAreDisjointInsideThePoolAndStable() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int round = 0; round < ROUNDS; round++) {
            String where = "seed 0x%X round %d".formatted(SEED, round);
            int poolPrefix = 16 + random.nextInt(12);
            int perNode = poolPrefix + random.nextInt(Math.min(6, 32 - poolPrefix) + 1);
            Ipv4Cidr pool = new Ipv4Cidr(random.nextInt(), poolPrefix).network();
            List<String> nodes = randomNodes(random, 1 + random.nextInt(40));
            Map<String, String> previous = randomPrevious(random, pool, perNode, nodes);

            PoolAssignment first = PoolSplitter.split(pool, perNode, nodes, previous);
            assertDisjointInside(first, pool, perNode, where);
            assertThat(first.pools().size() + first.unassigned().size())
                    .as(where)
                    .isEqualTo(nodes.size());
            assertThat(first.unassigned().isEmpty()).as(where).isEqualTo(nodes.size() <= pool.subnetCount(perNode));

            PoolAssignment again = PoolSplitter.split(pool, perNode, reversed(nodes), asStatus(first));
            assertThat(again.pools())
                    .as("re-reconcile keeps every pool, " + where)
                    .isEqualTo(first.pools());
        }
    }

    @Test
    void propertyNodesComingAndGoingNeverMoveTheOthers() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        Ipv4Cidr pool = Ipv4Cidr.parse("10.250.0.0/16");
        Map<String, String> status = new TreeMap<>();
        Set<String> nodes = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            String where = "seed 0x%X round %d".formatted(SEED + 1, round);
            if (!nodes.isEmpty() && random.nextInt(3) == 0) {
                nodes.remove(new ArrayList<>(new TreeMap<>(status).keySet()).get(random.nextInt(status.size())));
            } else {
                nodes.add("node-" + random.nextInt(1000));
            }
            status.keySet().retainAll(nodes);
            PoolAssignment next = PoolSplitter.split(pool, 24, nodes, status);
            for (var kept : status.entrySet()) {
                assertThat(next.pools().get(kept.getKey()).toString())
                        .as("%s keeps its pool, %s", kept.getKey(), where)
                        .isEqualTo(kept.getValue());
            }
            assertDisjointInside(next, pool, 24, where);
            status = asStatus(next);
        }
    }

    private static void assertDisjointInside(PoolAssignment result, Ipv4Cidr pool, int perNode, String where) {
        Set<Long> indexes = new HashSet<>();
        for (var entry : result.pools().entrySet()) {
            Ipv4Cidr sub = entry.getValue();
            assertThat(sub.prefixLength()).as(where).isEqualTo(perNode);
            long index = pool.indexOf(sub);
            assertThat(index).as("%s inside %s, %s", sub, pool, where).isGreaterThanOrEqualTo(0);
            assertThat(indexes.add(index)).as("%s used twice, %s", sub, where).isTrue();
        }
    }

    private static List<String> randomNodes(SplittableRandom random, int count) {
        Set<String> names = new HashSet<>();
        while (names.size() < count) {
            names.add("worker-" + random.nextInt(200));
        }
        return new ArrayList<>(names);
    }

    private static Map<String, String> randomPrevious(
            SplittableRandom random, Ipv4Cidr pool, int perNode, List<String> nodes) {
        Map<String, String> previous = new HashMap<>();
        for (String node : nodes) {
            switch (random.nextInt(4)) {
                case 0 ->
                    previous.put(
                            node,
                            pool.subnet(random.nextLong(pool.subnetCount(perNode)), perNode)
                                    .toString());
                case 1 ->
                    previous.put(
                            node,
                            new Ipv4Cidr(random.nextInt(), perNode).network().toString());
                case 2 -> previous.put(node, "garbage");
                default -> {}
            }
        }
        return previous;
    }

    private static List<String> reversed(List<String> nodes) {
        List<String> copy = new ArrayList<>(nodes);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static Map<String, String> asStatus(PoolAssignment result) {
        Map<String, String> status = new TreeMap<>();
        result.pools().forEach((node, pool) -> status.put(node, pool.toString()));
        return status;
    }

    private static List<Map.Entry<String, String>> strings(PoolAssignment result) {
        return result.pools().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().toString()))
                .toList();
    }
}
