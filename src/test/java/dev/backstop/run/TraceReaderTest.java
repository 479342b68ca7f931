package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {

    @TempDir
    Path dir;

    @Test
    void aPythonTracebackNamesTheExceptionAndTheAppFramesNearestToIt() throws Exception {
        List<String> printed = new RealTraces(dir).printedBy(Map.of("boot.py", """
                                import json

                                def load_settings(text):
                                    return json.loads(text)

                                def create_app():
                                    return load_settings("")

                                print("booting shop 2.0", flush=True)
                                create_app()
                                """), "python3", "boot.py");

        FailureTrace trace = TraceReader.lastTrace(printed).orElseThrow();

        assertThat(trace.language()).isEqualTo("python");
        assertThat(trace.exception())
                .isEqualTo("json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
        assertThat(trace.shown().get(0)).isEqualTo(trace.exception());
        assertThat(String.join("\n", trace.shown()))
                .contains("boot.py\", line 4, in load_settings")
                .contains("boot.py\", line 7, in create_app")
                .doesNotContain("decoder.py");
    }

    @Test
    void aTracebackFollowedByManyLogLinesIsStillFoundThoughTheTailMissesIt() throws Exception {
        List<String> printed = new RealTraces(dir).printedBy(Map.of("worker.py", """
                                import sys, traceback

                                def charge(order):
                                    return order["total"] / order["items"]

                                try:
                                    charge({"total": 10, "items": 0})
                                except ZeroDivisionError:
                                    traceback.print_exc()
                                for n in range(40):
                                    print(f"[INFO] shutting down worker {n}", file=sys.stderr)
                                sys.exit(1)
                                """), "python3", "worker.py");

        FailureOutput output = FailureOutput.of(printed);

        assertThat(output.tail()).noneMatch(line -> line.contains("ZeroDivisionError"));
        assertThat(output.exceptionSuffix()).isEqualTo(": ZeroDivisionError: division by zero");
        assertThat(output.lines().get(0)).isEqualTo("ZeroDivisionError: division by zero");
        assertThat(output.lines()).contains("[INFO] shutting down worker 39").hasSize(1 + 2 + 1 + 20);
    }

    @Test
    void aNodeErrorNamesTheErrorAndSkipsNodeInternalsAndNodeModules() throws Exception {
        List<String> printed = new RealTraces(dir)
                .printedBy(Map.of("node_modules/shopdb/index.js", """
                                exports.connect = function (url) {
                                  if (!url) { throw new TypeError("DATABASE_URL is not set"); }
                                };
                                """, "server.js", """
                                const shopdb = require("shopdb");
                                function start() { shopdb.connect(process.env.NO_SUCH_VARIABLE); }
                                console.log("booting shop 2.0");
                                start();
                                """), "node", "server.js");

        FailureTrace trace = TraceReader.lastTrace(printed).orElseThrow();

        assertThat(trace.language()).isEqualTo("node");
        assertThat(trace.exception()).isEqualTo("TypeError: DATABASE_URL is not set");
        assertThat(trace.shown()).hasSizeBetween(2, 4);
        assertThat(trace.shown().get(1)).contains("at start (").contains("server.js:2");
        assertThat(String.join("\n", trace.shown())).doesNotContain("node:internal", "node_modules");
    }

    @Test
    void aJavaExceptionNamesItsRootCauseWithTheAppFramesWhereItWasThrown() throws Exception {
        List<String> printed = new RealTraces(dir).printedBy(Map.of("Boot.java", """
                                public class Boot {
                                    static void connect(String url) {
                                        if (url == null) throw new IllegalStateException("DATABASE_URL is not set");
                                    }
                                    static void start() {
                                        try {
                                            java.util.List.of("db").forEach(name -> connect(System.getenv("NO_SUCH_VARIABLE")));
                                        } catch (IllegalStateException e) {
                                            throw new RuntimeException("could not start the shop", e);
                                        }
                                    }
                                    public static void main(String[] args) {
                                        System.out.println("booting shop 2.0");
                                        start();
                                    }
                                }
                                """), RealTraces.java(), "Boot.java");

        FailureTrace trace = TraceReader.lastTrace(printed).orElseThrow();

        assertThat(trace.language()).isEqualTo("java");
        assertThat(trace.exception()).isEqualTo("java.lang.IllegalStateException: DATABASE_URL is not set");
        assertThat(trace.shown().get(0))
                .isEqualTo("Exception in thread \"main\" java.lang.RuntimeException: could not start the shop");
        assertThat(trace.shown().get(1)).startsWith("Caused by: java.lang.IllegalStateException");
        assertThat(trace.shown().get(2)).contains("at Boot.connect(Boot.java:3)");
        assertThat(String.join("\n", trace.shown())).doesNotContain("java.base", "java.util.");
    }

    /**
     * A Rails-shaped boot (stdlib Ruby only: stand-ins for railties and puma under vendor/bundle,
     * initializers ordered by the real tsort.rb) whose model clashes with an older class.
     */
    @Test
    void aRailsBootFailureShowsTheFirstLineThatTheLastTwentyLinesMiss() throws Exception {
        RealTraces.assumeInstalled("ruby", "ruby");
        List<String> printed = new RealTraces(dir).withAppFrom("rails-boot").printedBy(Map.of(), "ruby", "boot.rb");

        FailureOutput output = FailureOutput.of(printed);

        assertThat(output.tail()).noneMatch(line -> line.contains("superclass mismatch"));
        assertThat(output.exceptionSuffix()).isEqualTo(": superclass mismatch for class Order (TypeError)");
        assertThat(output.trace().orElseThrow().language()).isEqualTo("ruby");
        assertThat(output.lines().get(0))
                .contains("app/models/order.rb:1:in ")
                .endsWith(": superclass mismatch for class Order (TypeError)");
        assertThat(output.trace().orElseThrow().shown())
                .hasSize(4)
                .anyMatch(line -> line.contains("config/environment.rb:4:in "))
                .anyMatch(line -> line.contains("config.ru:1:in "))
                .noneMatch(line -> line.contains("tsort.rb")
                        || line.contains("initializable.rb")
                        || line.contains("kernel_require.rb"));
    }

    /** Debian 12 ships Ruby 3.1 only, so Ruby 2.7's reversed shape stays a committed sample. */
    @Test
    void aRuby27TracebackFindsTheExplainingLineAfterTheFrames() {
        FailureTrace trace =
                TraceReader.lastTrace(RealTraces.sample("ruby27-traceback.txt")).orElseThrow();

        assertThat(trace.language()).isEqualTo("ruby");
        assertThat(trace.exception())
                .isEqualTo(
                        "Error connecting to Redis on 127.0.0.1:6379 (Errno::ECONNREFUSED) (Redis::CannotConnectError)");
        assertThat(trace.shown()).hasSize(4);
        assertThat(trace.shown().get(3)).contains("lib/shop/queue.rb:8:in `connect'");
    }

    @Test
    void aGoPanicShowsThePanicAndTheFramesOutsideTheRuntimeAndTheStandardLibrary() throws Exception {
        RealTraces.assumeInstalled("go", "golang-go");
        Map<String, String> isolated = Map.of(
                "GOCACHE", dir.resolve(".go/cache").toString(),
                "GOPATH", dir.resolve(".go/path").toString(),
                "GOTOOLCHAIN", "local");
        List<String> printed = new RealTraces(dir).printedBy(Map.of("main.go", """
                                package main

                                import (
                                    "fmt"
                                    "sort"
                                )

                                func price(prices map[string]int, item string) int {
                                    p, ok := prices[item]
                                    if !ok {
                                        panic(fmt.Errorf("no price for %q", item))
                                    }
                                    return p
                                }

                                func byPrice(items []string, prices map[string]int) {
                                    sort.Slice(items, func(i, j int) bool { return price(prices, items[i]) < price(prices, items[j]) })
                                }

                                func main() {
                                    fmt.Println("booting shop 2.0")
                                    byPrice([]string{"cat", "dog"}, map[string]int{"dog": 3})
                                }
                                """), isolated, "go", "run", "main.go");

        FailureTrace trace = TraceReader.lastTrace(printed).orElseThrow();

        assertThat(trace.language()).isEqualTo("go");
        assertThat(trace.exception()).isEqualTo("panic: no price for \"cat\"");
        assertThat(trace.shown()).hasSize(1 + 3 * 2);
        assertThat(trace.shown().get(1)).startsWith("main.price(");
        assertThat(trace.shown().get(2)).endsWith("main.go:11");
        assertThat(trace.shown().get(3)).startsWith("main.byPrice.func1(");
        assertThat(trace.shown().get(5)).startsWith("main.byPrice(");
        assertThat(String.join("\n", trace.shown())).doesNotContain("sort.", "/src/sort/", "exit status");
    }

    @Test
    void aPhpFatalErrorShowsTheUncaughtExceptionAndTheFramesOutsideVendor() throws Exception {
        RealTraces.assumeInstalled("php", "php-cli");
        List<String> printed = new RealTraces(dir)
                .printedBy(
                        Map.of(
                                "vendor/acme/db/src/Connection.php",
                                """
                                <?php
                                namespace Acme\\Db;

                                final class Connection {
                                    public function __construct(string $url) {
                                        $this->open($url);
                                    }

                                    private function open(string $url): void {
                                        if ($url === '') {
                                            throw new \\RuntimeException("DATABASE_URL is not set");
                                        }
                                    }
                                }
                                """,
                                "src/Database.php",
                                """
                                <?php
                                namespace Shop;

                                require_once __DIR__ . '/../vendor/acme/db/src/Connection.php';

                                final class Database {
                                    public static function connect(): \\Acme\\Db\\Connection {
                                        return new \\Acme\\Db\\Connection((string) getenv('NO_SUCH_VARIABLE'));
                                    }
                                }
                                """,
                                "public/index.php",
                                """
                                <?php
                                require_once __DIR__ . '/../src/Database.php';

                                echo "booting shop 2.0\\n";
                                Shop\\Database::connect();
                                """),
                        // the production settings of PHP-FPM and Debian's CLI: logged to stderr, not displayed
                        "php",
                        "-d",
                        "display_errors=Off",
                        "-d",
                        "log_errors=On",
                        "-d",
                        "error_log=",
                        "public/index.php");

        FailureTrace trace = TraceReader.lastTrace(printed).orElseThrow();

        assertThat(trace.language()).isEqualTo("php");
        assertThat(trace.exception())
                .startsWith("Uncaught RuntimeException: DATABASE_URL is not set in ")
                .endsWith("vendor/acme/db/src/Connection.php:11");
        assertThat(trace.shown()).hasSize(3);
        assertThat(trace.shown().get(0)).startsWith("PHP Fatal error:  Uncaught RuntimeException");
        assertThat(trace.shown().get(1)).contains("src/Database.php(8)");
        assertThat(trace.shown().get(2)).contains("public/index.php(5)");
    }

    @Test
    void outputWithoutATraceGivesTheTailAlone() throws Exception {
        List<String> printed = new RealTraces(dir)
                .printedBy(Map.of(), "sh", "-c", "echo migrating; echo 'ERROR: relation users does not exist'; exit 1");

        FailureOutput output = FailureOutput.of(printed);

        assertThat(output.trace()).isEmpty();
        assertThat(output.exceptionSuffix()).isEmpty();
        assertThat(output.lines()).containsExactly("migrating", "ERROR: relation users does not exist");
    }

    @Test
    void theLastOfSeveralTracesIsTheOneReported() throws IOException, InterruptedException {
        List<String> printed = new RealTraces(dir).printedBy(Map.of("twice.py", """
                                import traceback
                                for key in ("first", "second"):
                                    try:
                                        {}[key]
                                    except KeyError:
                                        traceback.print_exc()
                                raise SystemExit(1)
                                """), "python3", "twice.py");

        assertThat(TraceReader.lastTrace(printed).orElseThrow().exception()).isEqualTo("KeyError: 'second'");
    }
}
