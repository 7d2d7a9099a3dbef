package dev.braid.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One data row of a tabular file: cells by column name, each a {@code String} or (JSON arrays) a
 * {@code List<String>}. Package-private plumbing of the importers.
 */
record Row(long line, Map<String, Object> cells) {

    /** The cell as text, {@code null} when the column is absent; an array is joined with spaces. */
    String text(String column) {
        Object v = cells.get(column);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        return (String) v;
    }

    /** The trimmed cell, {@code null} when absent or blank. */
    String nonBlank(String column) {
        String v = text(column);
        if (v == null) {
            return null;
        }
        v = v.trim();
        return v.isEmpty() ? null : v;
    }

    /** The values of a multi-valued cell: array elements, or the text split on the separator; blanks dropped. */
    List<String> values(String column, String separator) {
        Object v = cells.get(column);
        List<String> raw = new ArrayList<>();
        if (v instanceof List<?> list) {
            list.forEach(x -> raw.add(String.valueOf(x)));
        } else if (v != null) {
            raw.addAll(List.of(((String) v).split(Pattern.quote(separator), -1)));
        }
        return raw.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
