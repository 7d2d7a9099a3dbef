package dev.braid.plugin.factorization;

import dev.braid.api.io.ModelFile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The factors of an ALS model: user and item ids with their rows ({@code rank} floats each, row-major). The file
 * format is shared by the writer (the Spark train stage) and the reader (the {@code als} generator).
 *
 * @param rank        latent factors
 * @param users       user ids
 * @param userFactors {@code users.length x rank}
 * @param items       item ids
 * @param itemFactors {@code items.length x rank}
 */
public record AlsFactors(int rank, String[] users, float[] userFactors, String[] items, float[] itemFactors) {
    /** "BRAIDAL1". */
    static final ModelFile FILE = new ModelFile(0x4252_4149_4441_4C31L, 1, "ALS factor");
    static final String KIND = "als";

    public AlsFactors {
        if (userFactors.length != (long) users.length * rank || itemFactors.length != (long) items.length * rank) {
            throw new IllegalArgumentException("factor arrays do not match " + users.length + " users, "
                    + items.length + " items and rank " + rank);
        }
    }

    /** Writes the factors atomically, stamped with the fingerprint of the parameters they were trained with. */
    public void write(Path file, long fingerprint) {
        FILE.write(file, KIND, fingerprint, out -> {
            out.writeInt(rank);
            writeIds(out, users);
            ModelFile.writeFloats(out, userFactors);
            writeIds(out, items);
            ModelFile.writeFloats(out, itemFactors);
        });
    }

    /** The factors in a file trained with these parameters, or null when there is no such file. */
    public static AlsFactors read(Path file, long fingerprint) {
        return FILE.readIfMatching(file, KIND, fingerprint, in -> {
            int rank = in.readInt();
            String[] users = readIds(in);
            float[] uf = ModelFile.readFloats(in, users.length * rank, "user factors");
            String[] items = readIds(in);
            float[] itf = ModelFile.readFloats(in, items.length * rank, "item factors");
            return new AlsFactors(rank, users, uf, items, itf);
        });
    }

    private static void writeIds(DataOutputStream out, String[] ids) throws IOException {
        out.writeInt(ids.length);
        for (String id : ids) {
            out.writeUTF(id);
        }
    }

    private static String[] readIds(DataInputStream in) throws IOException {
        String[] ids = new String[in.readInt()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = in.readUTF();
        }
        return ids;
    }
}
