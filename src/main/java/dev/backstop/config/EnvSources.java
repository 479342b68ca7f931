package dev.backstop.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where an app's environment comes from besides {@code env:}: dotenv files read at each start
 * ({@code env_file:}) and variables taken from the daemon's own environment
 * ({@code env_passthrough:}). Secrets go there, so that they are never copied into the store.
 * Immutable.
 *
 * @param files absolute paths, in the order written; later files win
 * @param passthrough names of the daemon's variables handed to the app
 */
public record EnvSources(List<Path> files, List<String> passthrough) {

    public static final EnvSources NONE = new EnvSources(List.of(), List.of());

    public EnvSources {
        files = files == null ? List.of() : List.copyOf(files);
        passthrough = passthrough == null ? List.of() : List.copyOf(passthrough);
    }
}
