package dev.backstop.config;

import dev.backstop.BadInputException;

/** A variable named in {@code env_passthrough:} is not set in the daemon's environment. */
public final class MissingPassthroughException extends BadInputException {

    public MissingPassthroughException(String name) {
        super("env_passthrough: '" + name + "' is not set in the environment of the Backstop daemon; set it"
                + " there (systemd: Environment= or EnvironmentFile= in its unit) or remove it from env_passthrough.");
    }
}
