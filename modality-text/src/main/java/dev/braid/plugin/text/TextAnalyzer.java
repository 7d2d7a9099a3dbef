package dev.braid.plugin.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns text into terms: Unicode NFKC, optional lower-casing, tokens = maximal runs of letters and digits
 * (so punctuation and whitespace separate words; "naïve" and full-width "ＡＢＣ" survive as one token), optional
 * stop-word removal, optional bigrams of adjacent remaining tokens. Immutable and thread-safe.
 *
 * @param lowercase       whether tokens are lower-cased
 * @param removeStopWords whether English stop words are dropped
 * @param bigrams         whether bigrams of adjacent remaining tokens are added
 */
record TextAnalyzer(boolean lowercase, boolean removeStopWords, boolean bigrams) {
    /** Joins the two words of a bigram; cannot occur inside a token. */
    static final char BIGRAM_SEPARATOR = ' ';

    /** The word tokens of the text, after normalisation and stop-word removal, in order. */
    List<String> tokens(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        if (lowercase) {
            s = s.toLowerCase(Locale.ROOT);
        }
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            // Combining marks left after NFKC (e.g. in Devanagari) belong to the word they follow.
            boolean word = Character.isLetterOrDigit(cp)
                    || (start >= 0 && Character.getType(cp) == Character.NON_SPACING_MARK)
                    || (start >= 0 && Character.getType(cp) == Character.COMBINING_SPACING_MARK);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                add(out, s.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            add(out, s.substring(start));
        }
        return out;
    }

    /** The terms to hash: the tokens and, when enabled, their adjacent pairs. */
    List<String> terms(String text) {
        List<String> tokens = tokens(text);
        if (!bigrams || tokens.size() < 2) {
            return tokens;
        }
        List<String> terms = new ArrayList<>(tokens.size() * 2 - 1);
        terms.addAll(tokens);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            terms.add(tokens.get(i) + BIGRAM_SEPARATOR + tokens.get(i + 1));
        }
        return terms;
    }

    private void add(List<String> out, String token) {
        // The stop list is lower case: compare case-insensitively even when the text keeps its case.
        if (removeStopWords && StopWords.ENGLISH.contains(lowercase ? token : token.toLowerCase(Locale.ROOT))) {
            return;
        }
        out.add(token);
    }
}
