package dev.braid.plugin.text;

import dev.braid.api.component.Param;

/**
 * Configuration of the {@code tfidf} text encoder.
 *
 * @param dimension       number of hash buckets, i.e. the vector length
 * @param lowercase       lower-case the text (after NFKC) before tokenising
 * @param removeStopWords drop common English words ({@link StopWords})
 * @param bigrams         also hash pairs of adjacent tokens (after stop-word removal)
 * @param sublinearTf     use {@code 1 + ln(tf)} instead of the raw term count
 */
public record TfIdfConfig(
        @Param(description = "vector dimension (hash buckets)", defaultValue = "4096", min = 16, max = 16_777_216)
        int dimension,
        @Param(description = "lower-case the text first", defaultValue = "true") boolean lowercase,
        @Param(description = "drop common English stop words", defaultValue = "true") boolean removeStopWords,
        @Param(description = "also hash adjacent word pairs (bigrams)", defaultValue = "false") boolean bigrams,
        @Param(description = "sublinear term frequency: 1 + ln(tf)", defaultValue = "true") boolean sublinearTf) {

    /** The documented defaults. */
    public static TfIdfConfig defaults() {
        return new TfIdfConfig(4096, true, true, false, true);
    }
}
