package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathGlobTest {

    @Test
    void aGlobWithoutASlashMatchesANameAtAnyDepth() {
        PathGlob pyc = PathGlob.parse("*.pyc");

        assertThat(pyc.matches("a.pyc", false)).isTrue();
        assertThat(pyc.matches("flaskr/models/a.pyc", false)).isTrue();
        assertThat(pyc.matches("flaskr/a.py", false)).isFalse();
    }

    @Test
    void aGlobWithASlashMatchesFromTheReleaseRootOnly() {
        PathGlob cache = PathGlob.parse("tmp/cache/");

        assertThat(cache.matches("tmp/cache", true)).isTrue();
        assertThat(cache.matches("app/tmp/cache", true)).isFalse();
    }

    @Test
    void leadingDoubleStarAllowsAnyDepthTheRootIncluded() {
        PathGlob cache = PathGlob.parse("**/node_modules/.cache/");

        assertThat(cache.matches("node_modules/.cache", true)).isTrue();
        assertThat(cache.matches("web/client/node_modules/.cache", true)).isTrue();
        assertThat(cache.matches("node_modules/.cached", true)).isFalse();
    }

    @Test
    void aTrailingSlashMatchesDirectoriesAndEverythingBelowThemButNoFileOfThatName() {
        PathGlob pycache = PathGlob.parse("__pycache__/");

        assertThat(pycache.matches("flaskr/__pycache__", true)).isTrue();
        assertThat(pycache.matches("flaskr/__pycache__/db.cpython-311.pyc", false))
                .isTrue();
        assertThat(pycache.matches("flaskr/__pycache__", false)).isFalse();
    }

    @Test
    void globsThatLeaveTheReleaseOrAreNoGlobsAreRefusedQuotingThem() {
        assertThatThrownBy(() -> PathGlob.parse("../shared/*"))
                .isInstanceOf(MalformedValueException.class)
                .hasMessageStartingWith("\"../shared/*\" has a \"..\" part");
        assertThatThrownBy(() -> PathGlob.parse("/tmp"))
                .hasMessageStartingWith("\"/tmp\" is not a path inside the release");
        assertThatThrownBy(() -> PathGlob.parse("{a,b")).hasMessageStartingWith("\"{a,b\" is not a glob (");
        assertThatThrownBy(() -> PathGlob.parse(" ")).hasMessageStartingWith("\" \" is not a glob;");
    }
}
