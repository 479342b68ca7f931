package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Help and usage errors of the whole command tree, in-process. */
class UsageTest {

    /** Every command line that names a verb: {@code ""}, {@code "release"}, {@code "release import"}, ... */
    static Stream<String> verbs() {
        List<String> paths = new ArrayList<>();
        collect(Main.commandLine(), "", paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, String path, List<String> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> collect(sub, (path + " " + name).strip(), paths));
    }

    @ParameterizedTest(name = "backstop {0} --help")
    @MethodSource("verbs")
    void everyVerbsHelpExitsZeroAndShowsAnExample(String verb) {
        Cli help = Cli.run(args(verb, "--help"));

        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out())
                .contains("Usage: backstop" + (verb.isEmpty() ? "" : " " + verb))
                .contains("Example");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void theTreeHasTheVerbsOfThePublicInterface() {
        assertThat(verbs())
                .contains(
                        "init",
                        "release import",
                        "release list",
                        "release verify",
                        "release prune",
                        "doctor",
                        "deploy",
                        "rollback",
                        "status",
                        "timeline",
                        "alerts");
    }

    @Test
    void anUnknownVerbExitsTwoWithASuggestion() {
        Cli typo = Cli.run("relase", "list");

        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err())
                .contains(
                        "'relase'",
                        "Did you mean: backstop release",
                        "Run 'backstop --help' for usage and an example.");
    }

    @Test
    void anUnknownSubVerbExitsTwoWithASuggestion() {
        Cli typo = Cli.run("release", "lst");

        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("'lst'", "Did you mean: release list?");
    }

    @Test
    void anUnknownOptionExitsTwoWithASuggestion() {
        Cli typo = Cli.run("release", "list", "--jsn");

        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("Unknown option: '--jsn'", "--json", "Run 'backstop release list --help'");
    }

    @Test
    void aMissingVersionOnImportExitsTwoNamingIt() {
        Cli missing = Cli.run("release", "import", "shop.tar.gz");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--version=V'");
    }

    private static String[] args(String verb, String... more) {
        return Stream.concat(verb.isEmpty() ? Stream.empty() : Stream.of(verb.split(" ")), Stream.of(more))
                .toArray(String[]::new);
    }
}
