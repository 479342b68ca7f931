package dev.backstop.verify;

import dev.backstop.deploy.DeployState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Entry point of bench/verdict/run.sh, not a test (it lives here to stay out of the jar).
 * {@code restore RUNS}: time to restore in proxy mode with the default window (60s) and interval (5s):
 * from the first failing request of a bad release (the shop's v3, 500 on every page) to the first good
 * response again, under 20 requests a second. {@code false-rollbacks N}: N healthy deploys with a 2s
 * window under traffic cycling through 0, 3, 20 and 80 requests a second; prints how many were rolled back.
 */
public final class VerdictBench {

    private static final double[] RATES = {0, 3, 20, 80};

    private VerdictBench() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("backstop-verdict-bench-");
        if (args[0].equals("restore")) {
            restore(dir, count);
        } else {
            falseRollbacks(dir, count);
        }
    }

    private static void restore(Path dir, int runs) {
        try (VerdictHost host = new VerdictHost(dir, "  window: 60s\n  interval: 5s", "").start()) {
            Bundles bundles = new Bundles(dir.resolve("bundles"));
            host.deploy(bundles.shop("v1", "good"), "good");
            for (int run = 1; run <= runs; run++) {
                Load users = new Load(host.publicUrl("/orders"), 20);
                VerdictHost.Outcome outcome;
                try {
                    outcome = host.deploy(bundles.shop("v3", "bad-" + run), "bad-" + run);
                } finally {
                    users.close();
                }
                System.out.printf(
                        Locale.ROOT,
                        "RESULT restore run %d: %s, %.2f s from the first failing request to the first good one%n",
                        run,
                        outcome.deploy().state().label(),
                        restoreSeconds(users.hits()));
            }
        }
    }

    private static double restoreSeconds(List<Load.Hit> hits) {
        long firstBad = hits.stream()
                .filter(hit -> !hit.good())
                .mapToLong(Load.Hit::sent)
                .min()
                .orElseThrow();
        long firstGoodAgain = hits.stream()
                .filter(hit -> hit.good() && hit.sent() > firstBad)
                .mapToLong(Load.Hit::answered)
                .min()
                .orElseThrow();
        return (firstGoodAgain - firstBad) / 1e9;
    }

    private static void falseRollbacks(Path dir, int deploys) {
        int rolledBack = 0;
        try (VerdictHost host = new VerdictHost(
                        dir, "  window: 2s\n  interval: 500ms\n  probes: [ { path: /, expect: 200 } ]", "")
                .start()) {
            Bundles bundles = new Bundles(dir.resolve("bundles"));
            for (int i = 1; i <= deploys; i++) {
                double rate = RATES[i % RATES.length];
                Load users = rate > 0 ? new Load(host.publicUrl("/orders"), rate) : null;
                VerdictHost.Outcome outcome;
                try {
                    outcome = host.deploy(bundles.shop("v1", "healthy-" + i), "healthy-" + i);
                } finally {
                    if (users != null) {
                        users.close();
                    }
                }
                if (outcome.deploy().state() != DeployState.SUCCEEDED) {
                    rolledBack++;
                    System.out.println("RESULT false rollback: "
                            + outcome.deploy().outcomeReason().orElse(""));
                }
            }
        }
        System.out.printf(Locale.ROOT, "RESULT false rollbacks: %d of %d healthy deploys%n", rolledBack, deploys);
    }
}
