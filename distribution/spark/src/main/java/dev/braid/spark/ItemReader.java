package dev.braid.spark;

import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.runtime.pipeline.DatasetConfigs;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;

/**
 * Turns a catalog row into an {@link Item} the way the tabular importer does (title, text columns joined with
 * {@code ". "}, attributes split on the separator), on the executor. Media paths are relative to a base URI and must
 * stay under it; they are read through whatever Hadoop file system the URI names (local files are handed to the
 * encoders as files). A missing or refused media file leaves the item without that modality, as in
 * {@code braid encode}.
 */
final class ItemReader implements Serializable {
    private final String id;
    private final String title;
    private final List<String> text;
    private final String image;
    private final String audio;
    private final List<String> attributes;
    private final String separator;
    private final String mediaBase;

    ItemReader(DatasetConfigs.CatalogColumns c, String mediaBase) {
        this.id = c.id();
        this.title = c.title();
        this.text = c.text() == null ? List.of() : List.copyOf(c.text());
        this.image = c.image();
        this.audio = c.audio();
        this.attributes = c.attributes() == null ? List.of() : List.copyOf(c.attributes());
        this.separator = c.separator() == null || c.separator().isEmpty() ? "|" : c.separator();
        this.mediaBase = mediaBase;
    }

    String idColumn() {
        return id;
    }

    Item read(Row row) {
        String itemId = nonBlank(row, id);
        String t = title == null ? "" : Objects.requireNonNullElse(nonBlank(row, title), "");
        List<String> parts = new ArrayList<>();
        for (String c : text) {
            String v = nonBlank(row, c);
            if (v != null) {
                parts.add(v);
            }
        }
        String joined = parts.isEmpty() ? null : String.join(". ", parts);
        Map<String, List<String>> attrs = new LinkedHashMap<>();
        for (String a : attributes) {
            List<String> values = values(row, a);
            if (!values.isEmpty()) {
                attrs.put(a, values);
            }
        }
        return new Item(itemId, t, attrs, new ItemContent(joined, media(row, image), media(row, audio)));
    }

    private Media media(Row row, String column) {
        if (column == null) {
            return null;
        }
        String rel = nonBlank(row, column);
        if (rel == null || rel.startsWith("/") || rel.startsWith("\\") || rel.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null;
        }
        URI base = URI.create(mediaBase);
        try {
            URI resolved = base.resolve(new URI(null, null, rel.replace('\\', '/'), null)).normalize();
            if (!resolved.toString().startsWith(base.normalize().toString())) {
                return null;
            }
            if ("file".equals(resolved.getScheme())) {
                Path p = Path.of(resolved);
                return java.nio.file.Files.isRegularFile(p) ? Media.ofFile(p) : null;
            }
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(resolved);
            FileSystem fs = p.getFileSystem(new Configuration());
            if (!fs.isFile(p)) {
                return null;
            }
            try (InputStream in = fs.open(p)) {
                return Media.ofBytes(resolved.toString(), in.readAllBytes());
            }
        } catch (IOException | IllegalArgumentException | java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String text(Row row, String column) {
        int i = row.fieldIndex(column);
        if (row.isNullAt(i)) {
            return null;
        }
        Object v = row.get(i);
        if (v instanceof scala.collection.Seq<?> seq) {
            List<String> out = new ArrayList<>();
            scala.jdk.javaapi.CollectionConverters.asJava(seq).forEach(x -> out.add(String.valueOf(x)));
            return String.join(" ", out);
        }
        return String.valueOf(v);
    }

    private static String nonBlank(Row row, String column) {
        String v = text(row, column);
        if (v == null) {
            return null;
        }
        v = v.trim();
        return v.isEmpty() ? null : v;
    }

    private List<String> values(Row row, String column) {
        int i = row.fieldIndex(column);
        if (row.isNullAt(i)) {
            return List.of();
        }
        Object v = row.get(i);
        List<String> raw = new ArrayList<>();
        if (v instanceof scala.collection.Seq<?> seq) {
            scala.jdk.javaapi.CollectionConverters.asJava(seq).forEach(x -> raw.add(String.valueOf(x)));
        } else {
            raw.addAll(List.of(String.valueOf(v).split(Pattern.quote(separator), -1)));
        }
        return raw.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
