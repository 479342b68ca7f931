package dev.backstop.release;

import java.util.Optional;

/**
 * What an import did: a new release, nothing because the same content was already imported under
 * that version, or a repair of that version's release from the same content.
 */
public record ImportOutcome(Release release, boolean alreadyPresent, Optional<Repair> repair) {

    public ImportOutcome(Release release, boolean alreadyPresent) {
        this(release, alreadyPresent, Optional.empty());
    }
}
