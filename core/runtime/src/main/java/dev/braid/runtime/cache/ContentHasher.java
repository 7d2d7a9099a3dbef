package dev.braid.runtime.cache;

import dev.braid.api.data.Item;
import dev.braid.api.data.Media;
import dev.braid.api.data.Modality;
import dev.braid.runtime.util.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Hashes one modality of an item's content, the key of the vector cache. */
public final class ContentHasher {
    private ContentHasher() {
    }

    /** SHA-256 of the content, or {@code null} when it cannot be read (the encoder then reports why). */
    public static byte[] hash(Item item, Modality modality) {
        MessageDigest md = Hashing.sha256();
        md.update(modality.key().getBytes(StandardCharsets.UTF_8));
        switch (modality) {
            case TEXT -> md.update(item.content().text().getBytes(StandardCharsets.UTF_8));
            case IMAGE -> {
                if (!update(md, item.content().image())) {
                    return null;
                }
            }
            case AUDIO -> {
                if (!update(md, item.content().audio())) {
                    return null;
                }
            }
            case ATTRIBUTES -> md.update(attributes(item).getBytes(StandardCharsets.UTF_8));
        }
        return md.digest();
    }

    /** The attributes in a canonical form: names sorted, each name's values in their order. */
    private static String attributes(Item item) {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(item.attributes()).forEach((name, values) -> {
            b.append(name.length()).append(':').append(name).append('=');
            values.forEach(v -> b.append(v.length()).append(':').append(v).append(','));
            b.append(';');
        });
        return b.toString();
    }

    private static boolean update(MessageDigest md, Media media) {
        try (InputStream in = media.open()) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
