package dev.backstop.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads lists of commands: {@code preflight:} and the four {@code hooks:}. An item is
 * {@code { name, command, timeout }} or just the command as a string; unnamed items are numbered
 * ({@code preflight-1}, {@code before-switch-2}) so that logs and events can name them. Stateless.
 */
final class ChecksReader {

    static final List<String> KEYS = List.of("name", "command", "timeout");
    static final List<String> HOOK_KEYS = List.of("before_switch", "after_switch", "after_rollback", "after_failure");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    /** The checks listed under {@code key}; {@code prefix} names the unnamed ones. */
    List<Check> list(Section parent, String key, String prefix) {
        List<Check> checks = new ArrayList<>();
        UniqueNames names = new UniqueNames("check", parent.problems());
        List<Section.Item> items = parent.items(key);
        for (int index = 0; index < items.size(); index++) {
            Section.Item item = items.get(index);
            Optional<Check> check = check(item, prefix + "-" + (index + 1));
            check.ifPresent(read -> names.check(read.name(), item));
            check.ifPresent(checks::add);
        }
        return checks;
    }

    Hooks hooks(Section top) {
        return top.section("hooks", HOOK_KEYS)
                .map(hooks -> new Hooks(
                        list(hooks, "before_switch", "before-switch"),
                        list(hooks, "after_switch", "after-switch"),
                        list(hooks, "after_rollback", "after-rollback"),
                        list(hooks, "after_failure", "after-failure")))
                .orElse(Hooks.none());
    }

    private static Optional<Check> check(Section.Item item, String defaultName) {
        if (item.isScalar()) {
            return item.value(ValueSyntax::nonBlank).map(command -> new Check(defaultName, command, DEFAULT_TIMEOUT));
        }
        Section check = item.section(KEYS);
        return Optional.of(new Check(
                check.value("name", ValueSyntax::name, defaultName),
                check.required(
                        "command",
                        ValueSyntax::nonBlank,
                        "",
                        "command: \"bin/rails runner 'Rails.application.eager_load!'\""),
                check.duration("timeout", DEFAULT_TIMEOUT)));
    }
}
