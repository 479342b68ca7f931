package dev.backstop.watch.queue;

import dev.backstop.BackstopException;
import dev.backstop.config.QueueSource;

/** A queue could not be sampled: its database or Redis did not answer, or the query failed. */
public final class QueueUnreachableException extends BackstopException {

    QueueUnreachableException(String queue, QueueSource source, Exception cause) {
        super(
                "queue " + queue + " (" + source.display() + ") could not be sampled: "
                        + QueueSource.Credentials.hidden(String.valueOf(cause.getMessage())
                                .lines()
                                .findFirst()
                                .orElse(cause.getClass().getSimpleName()))
                        + "; check that the server answers and the URL in backstop.yml",
                null);
    }
}
