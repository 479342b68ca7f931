package dev.backstop.watch.queue;

import dev.backstop.config.QueueCheck;
import dev.backstop.config.QueueSource;
import java.time.Instant;

/**
 * Looks at one job queue. Each call connects afresh and lets go afterwards: a queue sampled every
 * 30 s holds no connection in between, and a restarted database is simply found again.
 * Implementations are thread-safe.
 */
interface QueueProbe {

    /**
     * What the queue holds at {@code now} (UTC, from Backstop's clock, never the database's).
     *
     * @throws QueueUnreachableException when it cannot be read
     */
    QueueSample sample(Instant now);

    static QueueProbe of(QueueCheck check) {
        QueueSource source = check.source();
        if (source instanceof QueueSource.DelayedJob delayedJob) {
            return new DelayedJobProbe(check.name(), delayedJob);
        }
        if (source instanceof QueueSource.SqlQuery query) {
            return new SqlQueryProbe(check.name(), query);
        }
        return new SidekiqProbe(check.name(), (QueueSource.Sidekiq) source);
    }
}
