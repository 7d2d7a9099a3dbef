package dev.braid.plugin.text.sentence;

import ai.djl.huggingface.tokenizers.Encoding;
import java.util.List;

/**
 * Token ids of several texts padded to the longest of them (dynamic padding), row-major.
 *
 * @param ids   {@code rows x length} token ids, 0 where padded
 * @param mask  {@code rows x length} attention mask
 * @param types {@code rows x length} token type ids
 */
record TokenBatch(long[] ids, long[] mask, long[] types, int rows, int length) {

    /** Pads the encodings to the longest one. */
    static TokenBatch of(List<Encoding> encodings) {
        int rows = encodings.size();
        int length = 1;
        for (Encoding e : encodings) {
            length = Math.max(length, e.getIds().length);
        }
        long[] ids = new long[rows * length];
        long[] mask = new long[rows * length];
        long[] types = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            Encoding e = encodings.get(r);
            long[] eIds = e.getIds();
            long[] eMask = e.getAttentionMask();
            long[] eTypes = e.getTypeIds();
            System.arraycopy(eIds, 0, ids, r * length, eIds.length);
            System.arraycopy(eMask, 0, mask, r * length, eMask.length);
            System.arraycopy(eTypes, 0, types, r * length, eTypes.length);
        }
        return new TokenBatch(ids, mask, types, rows, length);
    }
}
