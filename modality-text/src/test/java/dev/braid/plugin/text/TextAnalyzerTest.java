package dev.braid.plugin.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextAnalyzerTest {

    @Test
    void normalisesWithNfkcAndLowerCase() {
        TextAnalyzer a = new TextAnalyzer(true, false, false);
        // Full-width letters and the "fi" ligature fold to plain ASCII under NFKC.
        assertThat(a.tokens("ＨＥＬＬＯ ﬁle")).containsExactly("hello", "file");
    }

    @Test
    void splitsOnAnythingButLettersAndDigits() {
        TextAnalyzer a = new TextAnalyzer(true, false, false);
        assertThat(a.tokens("  Star-Wars: Episode IV (1977)... naïve café!"))
                .containsExactly("star", "wars", "episode", "iv", "1977", "naïve", "café");
        assertThat(a.tokens(" \t\n--!! ")).isEmpty();
    }

    @Test
    void keepsCaseWhenAskedButStillDropsStopWords() {
        TextAnalyzer a = new TextAnalyzer(false, true, false);
        assertThat(a.tokens("The Matrix and THE Dog")).containsExactly("Matrix", "Dog");
    }

    @Test
    void removesStopWordsOnlyWhenEnabled() {
        assertThat(new TextAnalyzer(true, true, false).tokens("the man in the moon")).containsExactly("man", "moon");
        assertThat(new TextAnalyzer(true, false, false).tokens("the man in the moon"))
                .containsExactly("the", "man", "in", "the", "moon");
    }

    @Test
    void addsBigramsOfAdjacentRemainingTokens() {
        TextAnalyzer a = new TextAnalyzer(true, true, true);
        assertThat(a.terms("New York in winter")).containsExactly("new", "york", "winter", "new york", "york winter");
        assertThat(a.terms("alone")).containsExactly("alone");
    }
}
