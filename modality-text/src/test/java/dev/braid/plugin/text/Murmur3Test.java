package dev.braid.plugin.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Murmur3Test {

    @Test
    void matchesPublishedReferenceValues() {
        // Reference values of MurmurHash3_x86_32 (as in Guava / Python mmh3).
        assertThat(Murmur3.hash32("", 0)).isZero();
        assertThat(Murmur3.hash32("", 1)).isEqualTo(0x514E28B7);
        assertThat(Murmur3.hash32("hello", 0)).isEqualTo(0x248BFA47);
        assertThat(Murmur3.hash32("The quick brown fox jumps over the lazy dog", 0)).isEqualTo(0x2E4FF723);
    }

    @Test
    void coversEveryTailLength() {
        // 1, 2 and 3 trailing bytes take different branches; all must differ from each other and be stable.
        assertThat(Murmur3.hash32("a", 0)).isEqualTo(Murmur3.hash32("a", 0))
                .isNotEqualTo(Murmur3.hash32("ab", 0)).isNotEqualTo(Murmur3.hash32("abc", 0));
        assertThat(Murmur3.hash32("abcd", 0)).isNotEqualTo(Murmur3.hash32("abcd", 1));
    }
}
