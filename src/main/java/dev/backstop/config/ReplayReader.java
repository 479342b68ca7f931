package dev.backstop.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the replay keys of {@code verify:}: {@code replay} (a list of methods, or off/false),
 * {@code replay_skip} (path prefixes) and {@code replay_concurrency}. Stateless.
 */
final class ReplayReader {

    static final List<String> KEYS = List.of("replay", "replay_skip", "replay_concurrency");

    private ReplayReader() {}

    static ReplayPolicy read(Section verify) {
        Set<String> methods = methods(verify);
        List<String> skip = verify.items("replay_skip").stream()
                .flatMap(item -> item.value(ReplayReader::prefix).stream())
                .toList();
        int concurrency =
                verify.value("replay_concurrency", ValueSyntax.intIn(1, 100_000), ReplayPolicy.DEFAULT_MAX_CONCURRENT);
        return new ReplayPolicy(methods, skip, concurrency);
    }

    private static Set<String> methods(Section verify) {
        Optional<YamlNode> value = verify.find("replay");
        if (value.isEmpty()) {
            return ReplayPolicy.DEFAULT_METHODS;
        }
        if (value.get() instanceof YamlNode.Scalar) {
            // a single value can only switch replay off; true would say nothing the default does not
            boolean on = verify.value("replay", ReplayReader::offOnly, false);
            return on ? ReplayPolicy.DEFAULT_METHODS : Set.of();
        }
        Set<String> methods = new LinkedHashSet<>();
        verify.items("replay").forEach(item -> item.value(ReplayReader::method).ifPresent(methods::add));
        return methods;
    }

    private static boolean offOnly(String text) {
        String word = text.strip().toLowerCase(Locale.ROOT);
        if (word.equals("off") || word.equals("false") || word.equals("no")) {
            return false;
        }
        if (word.equals("on") || word.equals("true") || word.equals("yes")) {
            return true;
        }
        throw MalformedValueException.of(
                text, "is not off or a list of methods; write off, or a list like [GET, HEAD, OPTIONS].");
    }

    private static String method(String text) {
        String method = text.strip().toUpperCase(Locale.ROOT);
        if (!ReplayPolicy.IDEMPOTENT.contains(method)) {
            throw MalformedValueException.of(
                    text,
                    "is not an idempotent method; replay only GET, HEAD, OPTIONS, PUT, DELETE or TRACE"
                            + " (a request with a body is never replayed).");
        }
        return method;
    }

    private static String prefix(String text) {
        if (!text.startsWith("/")) {
            throw MalformedValueException.of(text, "is not a path prefix; write one starting with /, like /webhooks.");
        }
        return text;
    }
}
