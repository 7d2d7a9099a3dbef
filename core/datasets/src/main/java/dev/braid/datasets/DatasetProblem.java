package dev.braid.datasets;

/**
 * One problem found while importing a dataset: a row that was skipped, a media file that was refused or missing,
 * a value that could not be parsed. Import goes on; the problems are reported with the dataset.
 *
 * @param itemId  the item concerned, or {@code null} when the problem is not about one item
 * @param file    the file that holds the problem
 * @param line    the 1-based line in that file, or {@code 0} when not about one line
 * @param field   the column or field concerned, or {@code null}
 * @param message what went wrong, in words a user can act on
 */
public record DatasetProblem(String itemId, String file, long line, String field, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file == null ? "?" : file);
        if (line > 0) {
            s.append(':').append(line);
        }
        if (itemId != null) {
            s.append(" item '").append(itemId).append('\'');
        }
        if (field != null) {
            s.append(" field '").append(field).append('\'');
        }
        return s.append(": ").append(message).toString();
    }
}
