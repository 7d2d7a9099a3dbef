package dev.braid.runtime.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.braid.runtime.config.BraidConfig;
import dev.braid.runtime.config.ConfigException;
import dev.braid.runtime.config.ConfigProblem;
import dev.braid.runtime.config.PipelineSpec;
import dev.braid.runtime.pipeline.DatasetLoader;
import dev.braid.runtime.query.UnknownUserPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code serve} section of a configuration.
 *
 * <pre>
 * serve:
 *   variants: {fused: 0.5, text-only: 0.5}   # A/B: configured variants and their traffic shares
 *   adminToken: ${BRAID_ADMIN_TOKEN:-}       # admin endpoints need it (else $BRAID_ADMIN_TOKEN)
 *   maxBodyBytes: 8388608                    # any request body (base64 media included)
 *   maxMediaBytes: 5242880                   # one image or audio clip
 *   feedback: feedback.log                   # where POST /interactions appends, when dataset.feedback is unset
 *   excludeHistory: true                     # leave the user's training history out of recommendations
 *   unknownUser: popularity                  # popularity | empty | error, for users the training data lacks
 * </pre>
 *
 * @param shares        variant name to traffic share (normalised to sum 1), in declaration order; one entry (the
 *                      first variant, share 1) when none are declared
 * @param adminToken    the admin token, or {@code null} when admin endpoints are disabled
 * @param maxBodyBytes  the largest request body accepted
 * @param maxMediaBytes the largest image or audio clip accepted
 * @param feedbackFile  the feedback log POST /interactions appends to
 * @param mergedOnTrain whether the dataset section names that log (so the next training run merges it)
 * @param excludeHistory whether served recommendations leave out the user's training history (a request may
 *                      override it with {@code excludeHistory=})
 * @param unknownUser   what a user the training data does not know (or no user) is recommended
 */
public record ServeConfig(Map<String, Double> shares, String adminToken, long maxBodyBytes, long maxMediaBytes,
                          Path feedbackFile, boolean mergedOnTrain, boolean excludeHistory,
                          UnknownUserPolicy unknownUser) {

    private static final Set<String> KEYS = Set.of("variants", "adminToken", "maxBodyBytes", "maxMediaBytes",
            "feedback", "excludeHistory", "unknownUser");

    /** Reads the serve section; the admin token falls back to {@code envToken} (e.g. $BRAID_ADMIN_TOKEN). */
    public static ServeConfig of(BraidConfig config, String envToken) {
        JsonNode node = config.serve();
        String source = String.valueOf(config.file());
        List<ConfigProblem> problems = new ArrayList<>();
        if (node != null && !node.isNull() && !node.isObject()) {
            throw new ConfigException(source, "serve", "expected a map (variants, adminToken, maxBodyBytes, "
                    + "maxMediaBytes, feedback, excludeHistory, unknownUser)");
        }
        if (node == null || node.isNull()) {
            node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                problems.add(new ConfigProblem("serve." + k, "unknown key; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(KEYS))));
            }
        });
        Map<String, Double> shares = new LinkedHashMap<>();
        JsonNode vs = node.get("variants");
        List<String> declared = config.variants().stream().map(PipelineSpec::name).toList();
        if (vs == null || vs.isNull()) {
            shares.put(declared.get(0), 1.0);
        } else if (!vs.isObject() || vs.isEmpty()) {
            problems.add(new ConfigProblem("serve.variants", "expected a map from variant name to traffic share, "
                    + "e.g. {a: 0.5, b: 0.5}"));
        } else {
            double total = 0;
            for (var it = vs.fields(); it.hasNext(); ) {
                var e = it.next();
                String p = "serve.variants." + e.getKey();
                if (!declared.contains(e.getKey())) {
                    problems.add(new ConfigProblem(p, "no variant named '" + e.getKey() + "'; declared: "
                            + declared));
                } else if (!e.getValue().isNumber() || e.getValue().asDouble() < 0
                        || !Double.isFinite(e.getValue().asDouble())) {
                    problems.add(new ConfigProblem(p, "expected a share >= 0, got " + e.getValue()));
                } else {
                    shares.put(e.getKey(), e.getValue().asDouble());
                    total += e.getValue().asDouble();
                }
            }
            if (problems.isEmpty() && total <= 0) {
                problems.add(new ConfigProblem("serve.variants", "the shares sum to 0"));
            }
            final double sum = total;
            shares.replaceAll((k, v) -> v / sum);
        }
        String token = node.path("adminToken").asText("");
        if (token.isBlank()) {
            token = envToken == null || envToken.isBlank() ? null : envToken;
        }
        long maxBody = size(node, "maxBodyBytes", 8 << 20, problems);
        long maxMedia = size(node, "maxMediaBytes", 5 << 20, problems);
        Path feedback;
        boolean merged;
        try {
            feedback = DatasetLoader.feedbackFile(config.dataset(), config.baseDir());
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            feedback = null;
        }
        merged = feedback != null;
        if (feedback == null) {
            feedback = config.baseDir().resolve(node.path("feedback").asText("feedback.log")).normalize();
        }
        boolean excludeHistory = true;
        JsonNode eh = node.get("excludeHistory");
        if (eh != null && !eh.isNull()) {
            if (eh.isBoolean()) {
                excludeHistory = eh.asBoolean();
            } else {
                problems.add(new ConfigProblem("serve.excludeHistory", "expected true or false, got " + eh));
            }
        }
        UnknownUserPolicy unknownUser = UnknownUserPolicy.POPULARITY;
        JsonNode uu = node.get("unknownUser");
        if (uu != null && !uu.isNull()) {
            unknownUser = uu.isTextual() ? UnknownUserPolicy.of(uu.asText()).orElse(null) : null;
            if (unknownUser == null) {
                problems.add(new ConfigProblem("serve.unknownUser", "expected popularity, empty or error, got "
                        + uu));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new ServeConfig(java.util.Collections.unmodifiableMap(shares), token, maxBody, maxMedia, feedback,
                merged, excludeHistory, unknownUser);
    }

    private static long size(JsonNode node, String key, long dflt, List<ConfigProblem> problems) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToLong() || v.asLong() < 1024) {
            problems.add(new ConfigProblem("serve." + key, "expected a number of bytes >= 1024, got " + v));
            return dflt;
        }
        return v.asLong();
    }
}
