package dev.braid.runtime.config;

/**
 * One problem in a configuration, at a path such as {@code variants[2].fusion.weights.image}.
 *
 * @param path    where in the configuration (empty for the whole file)
 * @param message what is wrong there
 */
public record ConfigProblem(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
