package dev.backstop.watch.heartbeat;

import dev.backstop.BadInputException;
import java.util.Collection;

/** A command named a heartbeat check the app does not have. */
public final class NoSuchHeartbeatException extends BadInputException {

    NoSuchHeartbeatException(String name, Collection<String> known) {
        super("there is no heartbeat check '" + name + "'"
                + (known.isEmpty()
                        ? "; declare one under heartbeats: in backstop.yml."
                        : "; the checks are " + String.join(", ", known) + " ('backstop heartbeats' lists them)."));
    }
}
