package dev.backstop.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment an app's process starts with, composed at each start: the daemon's variables
 * named in {@code env_passthrough}, then each {@code env_file} in order (read now, so an edited
 * secret takes effect at the next start and is never stored), then {@code env:} written in
 * backstop.yml, which wins. Stateless and thread-safe.
 */
public final class ProcessEnvironment {

    private ProcessEnvironment() {}

    /**
     * @throws MissingPassthroughException when a passthrough variable is not set
     * @throws UnsafeEnvFileException when an env file is missing, malformed or open to others
     */
    public static Map<String, String> compose(EnvSources sources, Map<String, String> env) {
        Map<String, String> composed = new LinkedHashMap<>();
        Map<String, String> daemon = System.getenv();
        for (String name : sources.passthrough()) {
            String value = daemon.get(name);
            if (value == null) {
                throw new MissingPassthroughException(name);
            }
            composed.put(name, value);
        }
        for (Path file : sources.files()) {
            composed.putAll(EnvFile.read(file));
        }
        composed.putAll(env);
        return composed;
    }

    /** The names each env file defines now, for the record: keys only, never values. */
    public static Map<String, List<String>> keysOf(EnvSources sources) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (Path file : sources.files()) {
            keys.put(file.toString(), List.copyOf(EnvFile.read(file).keySet()));
        }
        return keys;
    }
}
