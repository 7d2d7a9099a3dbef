package dev.braid.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The options the commands share: declared once, the same for every command, and wired to the right command. */
class CommandOptionsTest {
    private final CommandLine braid = new CommandLine(new BraidCommand());

    @Test
    void everyCommandOnAConfigurationTakesTheSameConfigOption() {
        for (String name : List.of("run", "encode", "train-encoder", "serve")) {
            OptionSpec config = braid.getSubcommands().get(name).getCommandSpec().findOption("--config");
            assertThat(config).as(name).isNotNull();
            assertThat(config.names()).as(name).containsExactly("-c", "--config");
            assertThat(config.required()).as(name).isTrue();
            assertThat(config.paramLabel()).as(name).isEqualTo("FILE");
            assertThat(config.description()).as(name).containsExactly("the YAML configuration");
        }
        assertThat(braid.getSubcommands().get("demo").getCommandSpec().findOption("--config")).isNull();
        assertThat(braid.getSubcommands().get("plugins").getCommandSpec().findOption("--config")).isNull();
    }

    @Test
    void everyCommandThatStartsTheRuntimeTakesHomeAndCacheDir() {
        for (String name : List.of("run", "demo", "encode", "train-encoder", "serve", "plugins")) {
            CommandLine.Model.CommandSpec spec = braid.getSubcommands().get(name).getCommandSpec();
            assertThat(spec.findOption("--home")).as(name).isNotNull();
            assertThat(spec.findOption("--cache-dir")).as(name).isNotNull();
        }
    }

    @Test
    void theRuntimeOptionsPrintToTheOutputOfTheCommandTheyAreMixedInto(@TempDir Path dir) {
        StringWriter printed = new StringWriter();
        braid.setOut(new PrintWriter(printed, true));
        Path home = dir.resolve("home");
        braid.parseArgs("serve", "-c", "live.yaml", "--home", home.toString(), "--cache-dir", dir.toString());
        ServeCommand serve = braid.getSubcommands().get("serve").getCommand();
        serve.config.out().print("serve|");
        assertThat(serve.config.file()).isEqualTo(Path.of("live.yaml"));
        assertThat(serve.config.runtime.resolve().root()).isEqualTo(home.toAbsolutePath().normalize());
        assertThat(serve.config.runtime.resolve().cache()).isEqualTo(dir);

        braid.parseArgs("run", "--config", "exp.yaml");
        RunCommand run = braid.getSubcommands().get("run").getCommand();
        run.runtime.out().print("run|");
        assertThat(run.configFile()).isEqualTo(Path.of("exp.yaml"));

        braid.parseArgs("plugins", "-v");
        PluginsCommand plugins = braid.getSubcommands().get("plugins").getCommand();
        plugins.runtime.out().print("plugins");
        assertThat(plugins.verbose).isTrue();
        assertThat(printed.toString()).isEqualTo("serve|run|plugins");
    }

    @Test
    void serveRefusesAMissingConfigurationBeforeStartingAnything(@TempDir Path dir) {
        Path absent = dir.resolve("absent.yaml");
        braid.parseArgs("serve", "--config", absent.toString(), "--home", dir.toString());
        ServeCommand serve = braid.getSubcommands().get("serve").getCommand();
        assertThatThrownBy(serve::call).isInstanceOf(BadInputException.class)
                .hasMessageContainingAll("configuration file not found", absent.toAbsolutePath().toString());
    }
}
