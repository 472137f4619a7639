package dev.weatheragent.config;

import java.util.List;

/** Thrown when the environment does not describe a runnable bot; carries one readable line per problem. */
public final class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each naming the variable at fault. */
    public List<String> problems() {
        return problems;
    }
}
