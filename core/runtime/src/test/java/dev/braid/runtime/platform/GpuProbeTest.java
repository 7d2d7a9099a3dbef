package dev.braid.runtime.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class GpuProbeTest {
    @TempDir
    Path dir;

    @Test
    void aGpuIsPossibleOnlyWithTheNvidiaDriverAndVisibleDevices() throws Exception {
        Path driver = dir.resolve("version");
        assertThat(GpuProbe.probe("Linux", Map.of(), driver).gpuPossible()).isFalse();
        assertThat(GpuProbe.probe("Linux", Map.of(), driver).reason()).contains("no NVIDIA kernel driver");
        Files.writeString(driver, "NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15\n");
        assertThat(GpuProbe.probe("Linux", Map.of(), driver).gpuPossible()).isTrue();
        assertThat(GpuProbe.probe("Linux", Map.of("CUDA_VISIBLE_DEVICES", "0"), driver).gpuPossible()).isTrue();
        for (String hidden : new String[] {"", "-1", "NoDevFiles"}) {
            GpuProbe.Result r = GpuProbe.probe("Linux", Map.of("CUDA_VISIBLE_DEVICES", hidden), driver);
            assertThat(r.gpuPossible()).as(hidden).isFalse();
            assertThat(r.reason()).contains("hides every device");
        }
        assertThat(GpuProbe.probe("Mac OS X", Map.of(), driver).gpuPossible()).isTrue();
    }

    @Test
    void raisesOnlyLoggersTheConfigurationLeftAlone() {
        Logger free = (Logger) LoggerFactory.getLogger("dev.braid.test.GpuProbeTest.free");
        Logger set = (Logger) LoggerFactory.getLogger("dev.braid.test.GpuProbeTest.set");
        set.setLevel(Level.DEBUG);
        GpuProbe.errorsOnly(free.getName());
        GpuProbe.errorsOnly(set.getName());
        assertThat(free.getLevel()).isEqualTo(Level.ERROR);
        assertThat(set.getLevel()).isEqualTo(Level.DEBUG);
    }
}
