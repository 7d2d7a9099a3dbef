package dev.braid.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads CSV, TSV and JSON Lines files into {@link Row}s: commons-csv for the delimited formats, Jackson for JSON
 * Lines. Rows with the wrong number of columns and unparsable JSON lines are reported and skipped.
 */
final class RowReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RowReader() {
    }

    /**
     * Reads every data row of a file.
     *
     * @param required the columns the caller needs ({@code null} entries ignored); a delimited file whose header
     *                 (or width, without header) lacks one is a configuration error
     * @throws IllegalArgumentException when the file is missing, empty, or lacks a required column
     * @throws UncheckedIOException     when the file cannot be read
     */
    static void read(Path file, Format format, boolean header, Charset charset, List<String> required,
                     List<DatasetProblem> problems, Consumer<Row> sink) {
        requireFile(file);
        try {
            if (format == Format.JSONL) {
                readJsonLines(file, charset, problems, sink);
            } else {
                readDelimited(file, format == Format.TSV ? '\t' : ',', header, charset, required, problems, sink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + file + "': " + e.getMessage(), e);
        }
    }

    /** Fails with a message naming the file when it does not exist. */
    static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("data file '" + file + "' does not exist or is not a file");
        }
    }

    private static void readDelimited(Path file, char delimiter, boolean header, Charset charset,
                                      List<String> required, List<DatasetProblem> problems, Consumer<Row> sink)
            throws IOException {
        // Empty lines are kept (and skipped here) so that line numbers stay exact.
        CSVFormat csv = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
        try (BufferedReader in = Files.newBufferedReader(file, charset); CSVParser parser = csv.parse(in)) {
            Iterator<CSVRecord> it = parser.iterator();
            long nextLine = 1;
            List<String> columns = null;
            while (true) {
                CSVRecord record;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    record = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    // commons-csv cannot resynchronise after a broken quote: report and stop reading this file.
                    problems.add(new DatasetProblem(null, file.toString(), nextLine, null,
                            "malformed quoting, the rest of the file was skipped: " + rootMessage(e)));
                    break;
                }
                long line = nextLine;
                nextLine = parser.getCurrentLineNumber() + 1;
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue;
                }
                if (columns == null) {
                    columns = header ? headerNames(record) : positions(record.size());
                    checkRequired(file, columns, required, header);
                    if (header) {
                        continue;
                    }
                }
                if (record.size() != columns.size()) {
                    problems.add(new DatasetProblem(null, file.toString(), line, null, "expected "
                            + columns.size() + " columns, found " + record.size() + "; row skipped"));
                    continue;
                }
                Map<String, Object> cells = new LinkedHashMap<>(columns.size() * 2);
                for (int i = 0; i < columns.size(); i++) {
                    cells.put(columns.get(i), record.get(i));
                }
                sink.accept(new Row(line, cells));
            }
            if (columns == null) {
                throw new IllegalArgumentException("data file '" + file + "' is empty");
            }
        }
    }

    private static void readJsonLines(Path file, Charset charset, List<DatasetProblem> problems, Consumer<Row> sink)
            throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, charset)) {
            String text;
            long line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    problems.add(new DatasetProblem(null, file.toString(), line, null,
                            "not valid JSON (" + e.getOriginalMessage() + "); line skipped"));
                    continue;
                }
                if (node == null || !node.isObject()) {
                    problems.add(new DatasetProblem(null, file.toString(), line, null,
                            "expected a JSON object; line skipped"));
                    continue;
                }
                Map<String, Object> cells = new LinkedHashMap<>();
                node.properties().forEach(e -> cells.put(e.getKey(), jsonValue(e.getValue())));
                sink.accept(new Row(line, cells));
            }
        }
    }

    private static Object jsonValue(JsonNode v) {
        if (v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isArray()) {
            List<String> out = new ArrayList<>();
            v.forEach(x -> {
                if (!x.isNull()) {
                    out.add(x.isValueNode() ? x.asText() : x.toString());
                }
            });
            return out;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static List<String> headerNames(CSVRecord record) {
        List<String> names = new ArrayList<>(record.size());
        for (int i = 0; i < record.size(); i++) {
            String name = record.get(i).trim();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            names.add(name);
        }
        return names;
    }

    private static List<String> positions(int width) {
        List<String> names = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    private static void checkRequired(Path file, List<String> columns, List<String> required, boolean header) {
        for (String column : required) {
            if (column != null && !columns.contains(column)) {
                throw new IllegalArgumentException("data file '" + file + "' has no column '" + column + "'"
                        + (header ? "; its header has " + columns
                                  : "; without a header, columns are numbered 0.." + (columns.size() - 1)));
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return Objects.requireNonNullElse(t.getMessage(), t.getClass().getSimpleName());
    }
}
