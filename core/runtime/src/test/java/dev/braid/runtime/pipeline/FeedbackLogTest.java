package dev.braid.runtime.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.data.Interaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackLogTest {
    @TempDir
    Path dir;

    @Test
    void appendedInteractionsReadBackInOrderWithRatingsAndTimestamps() {
        Path file = dir.resolve("sub/feedback.log");
        try (FeedbackLog log = FeedbackLog.open(file)) {
            log.append(List.of(new Interaction("u1", "i1", 4.5, 100), Interaction.implicit("u\t2", "i\"2")));
            log.append(List.of(new Interaction("u3", "i3", 1, 300)));
            assertThat(log.appended()).isEqualTo(3);
        }
        List<String> problems = new ArrayList<>();
        List<Interaction> read = FeedbackLog.read(file, problems::add);
        assertThat(problems).isEmpty();
        assertThat(read).hasSize(3);
        assertThat(read.get(0)).isEqualTo(new Interaction("u1", "i1", 4.5, 100));
        assertThat(read.get(1).user()).isEqualTo("u\t2");
        assertThat(read.get(1).item()).isEqualTo("i\"2");
        assertThat(read.get(1).hasRating()).isFalse();
        assertThat(read.get(2).timestamp()).isEqualTo(300);
    }

    @Test
    void aTornLastLineIsSkippedOnReadAndDroppedWhenTheLogIsReopened() throws Exception {
        Path file = dir.resolve("feedback.log");
        try (FeedbackLog log = FeedbackLog.open(file)) {
            log.append(List.of(new Interaction("u1", "i1", 5, 1)));
        }
        Files.writeString(file, "{\"user\":\"u2\",\"it", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        List<String> problems = new ArrayList<>();
        assertThat(FeedbackLog.read(file, problems::add)).extracting(Interaction::user).containsExactly("u1");
        assertThat(problems).singleElement().asString().contains("feedback.log:2", "incomplete last line");

        try (FeedbackLog log = FeedbackLog.open(file)) {
            log.append(List.of(new Interaction("u3", "i3", 5, 3)));
        }
        problems.clear();
        assertThat(FeedbackLog.read(file, problems::add)).extracting(Interaction::user).containsExactly("u1", "u3");
        assertThat(problems).isEmpty();
    }

    @Test
    void malformedLinesAreReportedWithTheirLineNumber() throws Exception {
        Path file = dir.resolve("feedback.log");
        Files.writeString(file, "{\"user\":\"u1\",\"item\":\"i1\"}\nnot json\n{\"user\":\"u2\"}\n");
        List<String> problems = new ArrayList<>();
        assertThat(FeedbackLog.read(file, problems::add)).hasSize(1);
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains(":2:", "not JSON");
        assertThat(problems.get(1)).contains(":3:", "missing user or item");
    }
}
