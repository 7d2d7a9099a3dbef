package dev.braid.plugin.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.OptionalDouble;

/** Reads dates of item attributes and request parameters as (fractional) epoch days. */
final class Dates {
    private Dates() {
    }

    /**
     * Parses a year ({@code 1995}, taken as 1 January), an ISO date ({@code 2024-05-01}), an ISO instant
     * ({@code 2024-05-01T10:00:00Z}) or an offset date-time.
     *
     * @return epoch days, or empty when the text is none of these
     */
    static OptionalDouble epochDays(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        String t = text.trim();
        try {
            if (t.matches("-?\\d{1,4}")) {
                return OptionalDouble.of(LocalDate.of(Integer.parseInt(t), 1, 1).toEpochDay());
            }
            if (t.length() == 10) {
                return OptionalDouble.of(LocalDate.parse(t).toEpochDay());
            }
            if (t.endsWith("Z")) {
                return OptionalDouble.of(Instant.parse(t).getEpochSecond() / 86400.0);
            }
            return OptionalDouble.of(OffsetDateTime.parse(t).toEpochSecond() / 86400.0);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Like {@link #epochDays} but fails naming the field when the text is not a date. */
    static double require(String text, String field) {
        OptionalDouble d = epochDays(text);
        if (d.isEmpty()) {
            throw new IllegalArgumentException(field + ": not a date (ISO date, instant or year): '" + text + "'");
        }
        return d.getAsDouble();
    }
}
