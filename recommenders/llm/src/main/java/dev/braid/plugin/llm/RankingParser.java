package dev.braid.plugin.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an ordering of candidate ids from a model's answer. The answer should be {@code {"ranking": [ids]}}; a
 * bare JSON array, a fenced code block and prose around the JSON are accepted too. Only candidate ids count:
 * unknown ids (hallucinated, or planted by an item's text) and repeats are ignored, and candidates the model left
 * out follow in their incoming order. An answer with no JSON list, or whose list names no candidate, is refused.
 */
public final class RankingParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RankingParser() {
    }

    /**
     * @param answer     the model's message content
     * @param candidates the candidate ids in incoming order
     * @throws LlmException ({@link LlmException.Kind#INVALID_ANSWER}) naming what was wrong
     */
    public static Ranking parse(String answer, List<String> candidates) throws LlmException {
        if (answer == null || answer.isBlank()) {
            throw invalid("the answer is empty");
        }
        List<JsonNode> lists = findLists(answer);
        if (lists.isEmpty()) {
            throw invalid("the answer holds no JSON list of ids");
        }
        Set<String> allowed = new LinkedHashSet<>(candidates);
        Set<String> seen = new LinkedHashSet<>();
        int unknown = 0;
        int duplicates = 0;
        // The first list that names a candidate ("Top [3] picks: [...]" has a stray list before the real one).
        for (JsonNode list : lists) {
            unknown = 0;
            duplicates = 0;
            for (JsonNode e : list) {
                String id = e.isTextual() || e.isNumber() ? e.asText().trim() : null;
                if (e.isObject() && e.path("id").isValueNode()) {
                    id = e.get("id").asText().trim();
                }
                if (id == null || !allowed.contains(id)) {
                    unknown++;
                } else if (!seen.add(id)) {
                    duplicates++;
                }
            }
            if (!seen.isEmpty()) {
                break;
            }
        }
        if (seen.isEmpty()) {
            throw invalid("the answer names none of the " + candidates.size() + " candidates");
        }
        List<String> order = new ArrayList<>(seen);
        int missing = 0;
        for (String c : candidates) {
            if (!seen.contains(c)) {
                order.add(c);
                missing++;
            }
        }
        return new Ranking(order, seen.size(), unknown, duplicates, missing);
    }

    /** The {@code ranking} arrays of JSON objects, then the top-level JSON arrays, in order of appearance. */
    private static List<JsonNode> findLists(String answer) {
        List<JsonNode> out = new ArrayList<>();
        for (int start = answer.indexOf('{'); start >= 0; start = answer.indexOf('{', start + 1)) {
            JsonNode n = parseFrom(answer, start, '{', '}');
            if (n != null && n.path("ranking").isArray()) {
                out.add(n.get("ranking"));
            }
        }
        for (int start = answer.indexOf('['); start >= 0; start = answer.indexOf('[', start + 1)) {
            JsonNode n = parseFrom(answer, start, '[', ']');
            if (n != null && n.isArray()) {
                out.add(n);
            }
        }
        return out;
    }

    /** Parses the balanced {@code open ... close} span starting at {@code start} (strings respected), or null. */
    static JsonNode parseFrom(String s, int start, char open, char close) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                try {
                    return JSON.readTree(s.substring(start, i + 1));
                } catch (JsonProcessingException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static LlmException invalid(String message) {
        return new LlmException(LlmException.Kind.INVALID_ANSWER, message);
    }
}
