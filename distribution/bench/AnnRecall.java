import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recall@k of a served approximate variant against a served exact one, on the same users (run by hand:
 * {@code java distribution/bench/AnnRecall.java --url URL --approx ann --exact exact --users 200 --userFormat u%05d
 * [--k 10] [--extra &ann.ef=50]}). Recall = items both lists share / items of the exact list, averaged over users.
 */
public class AnnRecall {
    public static void main(String[] a) throws Exception {
        java.util.Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i + 1 < a.length; i += 2) {
            o.put(a[i].replaceFirst("^--", ""), a[i + 1]);
        }
        String url = o.getOrDefault("url", "http://127.0.0.1:8080");
        int users = Integer.parseInt(o.getOrDefault("users", "200"));
        int k = Integer.parseInt(o.getOrDefault("k", "10"));
        String fmt = o.getOrDefault("userFormat", "u%05d");
        String extra = o.getOrDefault("extra", "");
        HttpClient http = HttpClient.newHttpClient();
        double sum = 0;
        int n = 0;
        for (int u = 0; u < users; u++) {
            String user = String.format(Locale.ROOT, fmt, (u * 37) % 10000);
            List<String> exact = ids(http, url + "/recommendations?k=" + k + "&user=" + user + "&variant="
                    + o.getOrDefault("exact", "exact"));
            List<String> approx = ids(http, url + "/recommendations?k=" + k + "&user=" + user + "&variant="
                    + o.getOrDefault("approx", "ann") + extra);
            if (exact.isEmpty()) {
                continue;
            }
            Set<String> shared = new HashSet<>(exact);
            shared.retainAll(approx);
            sum += shared.size() / (double) exact.size();
            n++;
        }
        System.out.printf(Locale.ROOT, "recall@%d of %s against %s%s over %d users: %.3f%n", k,
                o.getOrDefault("approx", "ann"), o.getOrDefault("exact", "exact"), extra, n, sum / n);
    }

    static List<String> ids(HttpClient http, String u) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(u)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(u + ": " + r.statusCode() + " " + r.body());
        }
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\"id\":\"([^\"]+)\"").matcher(r.body());
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
