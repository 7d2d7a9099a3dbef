import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How late a sleeping thread wakes on this machine (in the spirit of jHiccup; run by hand or by a bench script
 * beside a load test: {@code java distribution/bench/Hiccups.java --seconds 60 [--parkMs 5]}). Parks for
 * {@code parkMs} again and again and prints the percentiles of the overshoot: the delay the CPU scheduler alone
 * adds to any thread that waits for a timeout, such as a request's LLM deadline.
 */
public class Hiccups {
    public static void main(String[] a) {
        long seconds = 60;
        long parkMs = 5;
        for (int i = 0; i + 1 < a.length; i += 2) {
            switch (a[i]) {
                case "--seconds" -> seconds = Long.parseLong(a[i + 1]);
                case "--parkMs" -> parkMs = Long.parseLong(a[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + a[i]);
            }
        }
        long park = TimeUnit.MILLISECONDS.toNanos(parkMs);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long[] late = new long[(int) (TimeUnit.SECONDS.toNanos(seconds) / park) + 1];
        int n = 0;
        while (n < late.length && System.nanoTime() < end) {
            long t0 = System.nanoTime();
            LockSupport.parkNanos(park);
            late[n++] = System.nanoTime() - t0 - park;
        }
        long[] s = Arrays.copyOf(late, n);
        Arrays.sort(s);
        System.out.printf("wake-up lateness of %d-ms parks (%d samples): p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, "
                + "max %.2f ms%n", parkMs, n, at(s, 0.5), at(s, 0.99), at(s, 0.999), s[n - 1] / 1e6);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
