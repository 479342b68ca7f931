package dev.backstop.run;

import java.util.concurrent.ScheduledExecutorService;

/** What every supervised instance of one {@link Supervisor} shares. Immutable; its parts are thread-safe. */
record SupervisionContext(
        SupervisorSettings settings,
        ProcessLauncher launcher,
        ScheduledExecutorService scheduler,
        ProcessLedger ledger,
        SupervisorListener events) {}
