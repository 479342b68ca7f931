package dev.backstop.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseTreeTest {

    @TempDir
    Path temp;

    @Test
    void makeReadOnlyRemovesEveryWriteBitButNeverFollowsALink() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("shared/log"));
        Path tree = Files.createDirectories(temp.resolve("release/lib"));
        Files.writeString(tree.resolve("a.rb"), "A");
        Files.setPosixFilePermissions(tree.resolve("a.rb"), PosixFilePermissions.fromString("rw-rw-r--"));
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwxrwxr-x"));
        Files.setPosixFilePermissions(temp.resolve("release"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(temp.resolve("release/log"), outside);
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxr-xr-x"));

        ReleaseTree.makeReadOnly(temp.resolve("release"));

        assertThat(modeOf(temp.resolve("release"))).isEqualTo("r-xr-xr-x");
        assertThat(modeOf(tree)).isEqualTo("r-xr-xr-x");
        assertThat(modeOf(tree.resolve("a.rb"))).isEqualTo("r--r--r--");
        assertThat(modeOf(outside)).isEqualTo("rwxr-xr-x");
    }

    @Test
    void makeWritableLetsTheOwnerChangeEveryDirectoryAgain() throws IOException {
        Path tree = Files.createDirectories(temp.resolve("release/lib"));
        Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(temp.resolve("release"), PosixFilePermissions.fromString("r-xr-xr-x"));

        ReleaseTree.makeWritable(temp.resolve("release"));

        assertThat(modeOf(temp.resolve("release"))).isEqualTo("rwxr-xr-x");
        assertThat(modeOf(tree)).isEqualTo("rwxr-xr-x");
    }

    @Test
    void deletingAMissingTreeIsFine() throws IOException {
        ReleaseTree.delete(temp.resolve("never-imported"));

        assertThat(temp).isEmptyDirectory();
    }

    private static String modeOf(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
