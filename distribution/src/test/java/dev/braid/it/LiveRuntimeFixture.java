package dev.braid.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A test that starts one {@link LiveRuntime} in a temporary folder; it is closed after each test. */
abstract class LiveRuntimeFixture {
    @TempDir
    Path dir;

    LiveRuntime braid;

    @AfterEach
    void closeRuntime() {
        if (braid != null) {
            braid.close();
        }
    }
}
