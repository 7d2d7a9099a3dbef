package dev.braid.runtime.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used, with every problem found and where it is. Exit code 2 on the CLI. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(format(source, problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String source, String path, String message) {
        this(source, List.of(new ConfigProblem(path, message)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(String source, List<ConfigProblem> problems) {
        String head = "invalid configuration" + (source == null || source.isEmpty() ? "" : " " + source);
        if (problems.size() == 1) {
            return head + ": " + problems.get(0);
        }
        return head + " (" + problems.size() + " problems):" + problems.stream().map(p -> "\n  - " + p)
                .collect(Collectors.joining());
    }
}
