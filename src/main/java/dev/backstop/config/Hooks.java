package dev.backstop.config;

import java.util.List;

/** Commands run around a switch, in the release directory with its environment. */
public record Hooks(
        List<Check> beforeSwitch, List<Check> afterSwitch, List<Check> afterRollback, List<Check> afterFailure) {

    public Hooks {
        beforeSwitch = List.copyOf(beforeSwitch);
        afterSwitch = List.copyOf(afterSwitch);
        afterRollback = List.copyOf(afterRollback);
        afterFailure = List.copyOf(afterFailure);
    }

    public static Hooks none() {
        return new Hooks(List.of(), List.of(), List.of(), List.of());
    }
}
