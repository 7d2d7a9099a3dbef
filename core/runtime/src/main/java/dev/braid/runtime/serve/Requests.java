package dev.braid.runtime.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Small helpers that read request parameters and refuse bad ones with a message. */
final class Requests {
    static final int MAX_K = 1000;
    static final int DEFAULT_K = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Requests() {
    }

    /** The {@code k} parameter: 1..{@value #MAX_K}, {@value #DEFAULT_K} when absent. */
    static int k(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_K;
        }
        try {
            int k = Integer.parseInt(value.trim());
            if (k >= 1 && k <= MAX_K) {
                return k;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadRequestResponse("k: expected an integer from 1 to " + MAX_K + ", got '" + value + "'");
    }

    /** A boolean parameter ({@code true} or {@code false}), {@code dflt} when absent. */
    static boolean flag(String value, String name, boolean dflt) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequestResponse(name + ": expected true or false, got '" + value + "'");
        };
    }

    /** The query parameters other than {@code reserved} (the first value of each): what the rules and stages read. */
    static Map<String, String> params(Context ctx, Set<String> reserved) {
        Map<String, String> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((key, v) -> {
            if (!reserved.contains(key) && !v.isEmpty()) {
                params.put(key, v.get(0));
            }
        });
        return params;
    }

    /** The request body as JSON. @throws BadRequestResponse naming the first problem when it is not JSON */
    static JsonNode json(Context ctx) {
        try {
            return JSON.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw new BadRequestResponse("the body is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Comma-separated values, possibly repeated ({@code exclude=a,b&exclude=c}). */
    static Set<String> split(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        if (values == null) {
            return out;
        }
        for (String v : values) {
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }
}
