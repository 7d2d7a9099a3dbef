package dev.braid.evaluation.split;

import dev.braid.api.data.Interaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A global time cut: interactions with a timestamp strictly before the cut go to train, the others to test. The cut
 * is either an explicit time or a quantile of all timestamps. Every interaction needs a timestamp.
 *
 * @param quantile the quantile of timestamps used as the cut, in (0, 1), or NaN when {@code time} is explicit
 * @param time     the explicit cut in seconds since the epoch (ignored when a quantile is given)
 */
public record TimeSplitter(double quantile, long time) implements Splitter {

    public TimeSplitter {
        if (!Double.isNaN(quantile)) {
            Ratios.requireOpenUnit("quantile", quantile);
        }
    }

    /** A cut at the given quantile of the timestamps. */
    public static TimeSplitter quantile(double quantile) {
        Ratios.requireOpenUnit("quantile", quantile);
        return new TimeSplitter(quantile, Interaction.NO_TIMESTAMP);
    }

    /** A cut at an explicit time. */
    public static TimeSplitter at(long time) {
        return new TimeSplitter(Double.NaN, time);
    }

    @Override
    public Split split(List<Interaction> interactions) {
        long[] times = new long[interactions.size()];
        for (int i = 0; i < times.length; i++) {
            Interaction x = interactions.get(i);
            if (!x.hasTimestamp()) {
                throw new IllegalArgumentException("a time split needs timestamps, but interaction " + i
                        + " (user '" + x.user() + "', item '" + x.item() + "') has none");
            }
            times[i] = x.timestamp();
        }
        long cut = time;
        if (!Double.isNaN(quantile)) {
            if (times.length == 0) {
                throw new IllegalArgumentException("cannot take a time quantile of an empty interaction list");
            }
            long[] sorted = times.clone();
            java.util.Arrays.sort(sorted);
            cut = sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))];
        }
        List<Interaction> train = new ArrayList<>();
        List<Interaction> test = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            (times[i] < cut ? train : test).add(interactions.get(i));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("method", "time");
        if (!Double.isNaN(quantile)) {
            d.put("quantile", quantile);
        }
        d.put("cutTime", cut);
        return Split.of(train, test, d);
    }
}
