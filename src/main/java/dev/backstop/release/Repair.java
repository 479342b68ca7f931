package dev.backstop.release;

import java.util.List;

/**
 * A release put back as imported from a bundle with its tree digest. Immutable, thread-safe.
 *
 * @param from its state before (often corrupt)
 * @param to its state after: the state it had before it was marked corrupt, otherwise unchanged
 * @param restored the paths put back, sorted ({@code .} for the whole directory); empty when only
 *     the state was wrong
 */
public record Repair(ReleaseState from, ReleaseState to, List<String> restored) {

    public Repair {
        restored = List.copyOf(restored);
    }
}
