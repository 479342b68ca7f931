package dev.backstop.verify;

/**
 * Something the verdict polls once per sample for evidence about the release under watch: its
 * processes, its probes, the requests the proxy saw, crash loops of its workers, and (once exception
 * intake exists) its exceptions. Called from the verdict's one thread, so an implementation may keep
 * state between polls (a previous snapshot to diff against, a streak); it must not block for longer
 * than a probe's timeout.
 */
public interface SignalSource {

    /** What happened since the previous poll (the first poll reports since the source was made). */
    Reading poll();
}
