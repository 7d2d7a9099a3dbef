package dev.braid.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.data.Catalog;
import dev.braid.api.data.FeatureMatrix;
import dev.braid.api.data.Item;
import dev.braid.runtime.generation.BuiltNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogEncodingTest {

    @Test
    void writesPresentRowsAsNpyWithTheirIds(@TempDir Path dir) throws Exception {
        Catalog catalog = new Catalog(List.of(Item.ofText("a", "x"), Item.ofText("b", "y"), Item.ofText("c", "z")));
        FeatureMatrix m = FeatureMatrix.ofRows(2, new float[][] {{1f, 2f}, null, {3.5f, -4f}});
        Path npy = dir.resolve("text.npy");
        CatalogEncoding.writeNpy(npy, dir.resolve("text.ids.txt"), catalog, m);

        byte[] bytes = Files.readAllBytes(npy);
        assertThat(new String(bytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = Short.toUnsignedInt(b.getShort(8));
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat(header).contains("'descr': '<f4'", "'shape': (2, 2)").endsWith("\n");
        assertThat((10 + headerLen) % 64).isZero();
        int data = 10 + headerLen;
        assertThat(bytes.length - data).isEqualTo(4 * 4);
        assertThat(new float[] {b.getFloat(data), b.getFloat(data + 4), b.getFloat(data + 8), b.getFloat(data + 12)})
                .containsExactly(1f, 2f, 3.5f, -4f);
        assertThat(Files.readAllLines(dir.resolve("text.ids.txt"))).containsExactly("a", "c");
    }

    @Test
    void errorListHasOneCleanLinePerFailure(@TempDir Path dir) throws Exception {
        CatalogEncoding.writeErrors(dir.resolve("errors.tsv"), List.of(
                new BuiltNode.ItemFailure("b", "image", "UNREADABLE", "posters/b.jpg:\tno such\nfile")));
        assertThat(Files.readAllLines(dir.resolve("errors.tsv"))).containsExactly("item\tmodality\tkind\tmessage",
                "b\timage\tUNREADABLE\tposters/b.jpg: no such file");
    }
}
