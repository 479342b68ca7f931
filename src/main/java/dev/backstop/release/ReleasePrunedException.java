package dev.backstop.release;

import dev.backstop.BadInputException;

/** The release asked for was removed by retention: its files are gone. */
public final class ReleasePrunedException extends BadInputException {

    public ReleasePrunedException(Release release) {
        super(String.format(
                "release '%s' (%s) was pruned and its files are gone; 'backstop release list' shows the releases on disk.",
                release.version(), release.id()));
    }
}
