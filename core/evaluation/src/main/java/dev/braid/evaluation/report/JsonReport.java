package dev.braid.evaluation.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code {"protocol": {...}, "results": [{"variant": ..., "metrics": {...}, "timings": {...},
 * "modalityCoverage": {...}, "details": {...}}]}} with Jackson, atomically. Non-finite numbers are written as the
 * strings "NaN" and "Infinity" (Jackson's default), so the file stays valid JSON.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The report as UTF-8 JSON bytes. */
    public static byte[] toBytes(Protocol protocol, List<VariantResult> results) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("protocol", protocol);
        root.put("results", results);
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise the report (a details value is not JSON-friendly?): "
                    + e.getOriginalMessage(), e);
        }
    }
}
