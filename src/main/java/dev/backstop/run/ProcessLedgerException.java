package dev.backstop.run;

import dev.backstop.BackstopException;

/** The process ledger could not be read or written; supervision state may not survive a restart. */
public final class ProcessLedgerException extends BackstopException {

    public ProcessLedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
