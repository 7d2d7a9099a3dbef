package dev.braid.evaluation.split;

import dev.braid.api.data.Interaction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitterTest {

    /** 10 users x 10 items; user u rated item i at time 100*u + i, rating 1 + (u + i) % 5. */
    private static List<Interaction> grid() {
        List<Interaction> all = new ArrayList<>();
        for (int u = 0; u < 10; u++) {
            for (int i = 0; i < 10; i++) {
                all.add(new Interaction("u" + u, "i" + i, 1 + (u + i) % 5, 100L * u + i));
            }
        }
        return all;
    }

    private static void assertPartition(Split split, List<Interaction> input) {
        Set<Interaction> train = new HashSet<>(split.train());
        assertThat(split.test()).noneMatch(train::contains);
        List<Interaction> union = new ArrayList<>(split.train());
        union.addAll(split.test());
        assertThat(union).containsExactlyInAnyOrderElementsOf(input);
    }

    @Test
    void randomSplitHasTheRatioIsDeterministicAndDisjoint() {
        List<Interaction> all = grid();
        Split a = Splitter.random(0.8, 42).split(all);
        Split b = Splitter.random(0.8, 42).split(all);
        Split c = Splitter.random(0.8, 7).split(all);
        assertThat(a.train()).hasSize(80);
        assertThat(a.test()).hasSize(20);
        assertPartition(a, all);
        assertThat(b).isEqualTo(a);
        assertThat(c.test()).isNotEqualTo(a.test());
        assertThat(a.describe()).containsEntry("method", "random").containsEntry("seed", 42L)
                .containsEntry("train", 80).containsEntry("test", 20);
    }

    @Test
    void stratifiedSplitsEachUserByTheRatio() {
        List<Interaction> all = grid();
        Split split = Splitter.stratified(0.75, 1).split(all);
        assertPartition(split, all);
        // round(0.75 * 10) = 8 (Math.round(7.5)) train rows per user, 2 test rows.
        Map<String, Long> trainPerUser = split.train().stream()
                .collect(Collectors.groupingBy(Interaction::user, Collectors.counting()));
        assertThat(trainPerUser).hasSize(10).allSatisfy((u, n) -> assertThat(n).isEqualTo(8L));
        assertThat(Splitter.stratified(0.75, 1).split(all)).isEqualTo(split);
    }

    @Test
    void stratifiedSplitOfAUserDoesNotDependOnOtherUsers() {
        List<Interaction> all = grid();
        List<Interaction> onlyU3 = all.stream().filter(x -> x.user().equals("u3")).toList();
        Split full = Splitter.stratified(0.7, 9).split(all);
        Split alone = Splitter.stratified(0.7, 9).split(onlyU3);
        assertThat(full.test().stream().filter(x -> x.user().equals("u3")).toList()).isEqualTo(alone.test());
    }

    @Test
    void leaveLastOutPicksEachUsersLatestInteraction() {
        List<Interaction> all = List.of(
                new Interaction("a", "x", 5, 30),
                new Interaction("a", "y", 5, 10),
                new Interaction("a", "z", 5, 20),   // a's latest is x (t=30) although it comes first
                new Interaction("b", "x", 5, 5),
                new Interaction("b", "y", 5, 5),    // equal times: the later row wins
                new Interaction("c", "x", 5, 1));   // a single interaction stays in train
        Split split = Splitter.leaveLastOut().split(all);
        assertThat(split.test()).containsExactly(all.get(0), all.get(4));
        assertThat(split.train()).containsExactly(all.get(1), all.get(2), all.get(3), all.get(5));
    }

    @Test
    void timeQuantileCutsAtTheQuantileOfTimestamps() {
        List<Interaction> all = new ArrayList<>();
        for (int t = 10; t >= 1; t--) {
            all.add(new Interaction("u", "i" + t, 1, t));
        }
        // sorted times 1..10, index floor(0.8 * 10) = 8 -> cut = 9: times 1..8 train, 9 and 10 test.
        Split split = Splitter.timeQuantile(0.8).split(all);
        assertThat(split.train()).extracting(Interaction::timestamp).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L,
                6L, 7L, 8L);
        assertThat(split.test()).extracting(Interaction::timestamp).containsExactly(10L, 9L);
        assertThat(split.describe()).containsEntry("cutTime", 9L);

        Split explicit = Splitter.timeCut(4).split(all);
        assertThat(explicit.train()).extracting(Interaction::timestamp).containsExactly(3L, 2L, 1L);
    }

    @Test
    void timeSplitRejectsInteractionsWithoutTimestamps() {
        List<Interaction> all = List.of(new Interaction("u", "a", 1, 5), Interaction.implicit("v", "b"));
        assertThatThrownBy(() -> Splitter.timeCut(3).split(all))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interaction 1").hasMessageContaining("'v'").hasMessageContaining("'b'");
    }

    @Test
    void coldItemsNeverReachTrain() {
        List<Interaction> all = grid();
        Split split = Splitter.coldItems(0.3, 5).split(all);
        assertPartition(split, all);
        Set<String> cold = split.testItems();
        // round(0.3 * 10 items) = 3 cold items, each with 10 interactions.
        assertThat(cold).hasSize(3);
        assertThat(split.test()).hasSize(30);
        assertThat(split.train()).noneMatch(x -> cold.contains(x.item()));
        assertThat(split.describe()).containsEntry("coldItems", 3);
        assertThat(Splitter.coldItems(0.3, 5).split(all)).isEqualTo(split);
        // The draw is over sorted item ids, so the input order does not matter.
        List<Interaction> reversed = new ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        assertThat(Splitter.coldItems(0.3, 5).split(reversed).testItems())
                .containsExactlyInAnyOrderElementsOf(cold);
    }

    @Test
    void ratiosOutsideTheOpenUnitIntervalAreRejected() {
        assertThatThrownBy(() -> Splitter.random(1.0, 1)).hasMessageContaining("trainRatio");
        assertThatThrownBy(() -> Splitter.stratified(0, 1)).hasMessageContaining("trainRatio");
        assertThatThrownBy(() -> Splitter.coldItems(-0.1, 1)).hasMessageContaining("coldShare");
        assertThatThrownBy(() -> Splitter.timeQuantile(Double.NaN)).hasMessageContaining("quantile");
    }

    @Test
    void positivesKeepRatingsAtTheThresholdAndImplicitFeedback() {
        Interaction five = new Interaction("u", "a", 5, 1);
        Interaction four = new Interaction("u", "b", 4, 2);
        Interaction low = new Interaction("u", "c", 3.5, 3);
        Interaction implicit = Interaction.implicit("u", "d");
        assertThat(RatingFilter.positives(List.of(five, four, low, implicit), 4.0))
                .containsExactly(five, four, implicit);
    }
}
