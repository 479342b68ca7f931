package dev.backstop.watch.queue;

import dev.backstop.BackstopException;
import dev.backstop.config.QueueSource;

/** A queue could not be sampled: its database or Redis did not answer, or the query failed. */
public final class QueueUnreachableException extends BackstopException {

    QueueUnreachableException(String queue, QueueSource source, Exception cause) {
        super(
                "queue " + queue + " (" + source.display() + ") could not be sampled: " + reason(cause)
                        + "; check that the server answers and the URL in backstop.yml",
                null);
    }

    /** The cause's first line, passwords hidden, without its closing stop: the message goes on after it. */
    private static String reason(Exception cause) {
        String line = String.valueOf(cause.getMessage())
                .lines()
                .findFirst()
                .orElse(cause.getClass().getSimpleName());
        return QueueSource.Credentials.hidden(line.strip().replaceAll("[.?!]+$", ""));
    }
}
