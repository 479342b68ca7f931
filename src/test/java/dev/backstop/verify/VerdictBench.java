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
 * {@code false-rollbacks-bursty N}: the same, where the old and every new release fail one request in 50.
 * {@code replay RUNS}: at 50 GETs a second, a release failing every page and one failing 3 of 10: failed
 * user requests (the warm standby answers what they fail), and the time from the switch to the decision
 * and to the flip back.
 */
public final class VerdictBench {

    private static final double[] RATES = {0, 3, 20, 80};

    private VerdictBench() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("backstop-verdict-bench-");
        switch (args[0]) {
            case "restore" -> restore(dir, count);
            case "replay" -> replay(dir, count);
            case "false-rollbacks-bursty" -> falseRollbacks(dir, count, true);
            default -> falseRollbacks(dir, count, false);
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

    private static void replay(Path dir, int runs) {
        try (VerdictHost host = new VerdictHost(
                        dir, "  window: 10s\n  interval: 5s\n  probes: [ { path: /version, expect: 200 } ]", "")
                .start()) {
            Bundles bundles = new Bundles(dir.resolve("bundles"));
            host.deploy(bundles.shop("v1", "good"), "good");
            for (int run = 1; run <= runs; run++) {
                replayRun(host, "every page fails", bundles.shop("v3", "all-" + run), "all-" + run);
                replayRun(host, "3 of 10 fail", bundles.shopFailing("some-" + run, 3, 10), "some-" + run);
            }
        }
    }

    private static void replayRun(VerdictHost host, String what, Path bundle, String version) {
        Load users = new Load(host.publicUrl("/orders"), 50);
        VerdictHost.Outcome outcome;
        try {
            outcome = host.deploy(bundle, version);
        } finally {
            users.close();
        }
        List<Load.Hit> hits = users.hits();
        long failed = hits.stream().filter(hit -> !hit.good()).count();
        java.util.Map<Integer, Long> failures = hits.stream()
                .filter(hit -> !hit.good())
                .collect(java.util.stream.Collectors.groupingBy(
                        Load.Hit::status, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        List<dev.backstop.timeline.Event> events = host.timeline().stream()
                .filter(event -> event.deploy().orElse(0L) == outcome.deploy().id())
                .toList();
        java.util.regex.Matcher flip = java.util.regex.Pattern.compile("\\((\\d+) ms after the decision\\)")
                .matcher(outcome.output());
        long flipMillis = flip.find() ? Long.parseLong(flip.group(1)) : -1;
        long decisionMillis = java.time.Duration.between(
                        at(events, "deploy.switched"), at(events, "deploy.rolling-back"))
                .toMillis();
        System.out.printf(
                Locale.ROOT,
                "RESULT replay, %s: %s; %d of %d user GETs failed %s (status 0: no answer); switch → decision %d ms, → flip %d ms; %s%n",
                what,
                outcome.deploy().state().label(),
                failed,
                hits.size(),
                failures,
                decisionMillis,
                decisionMillis + flipMillis,
                outcome.deploy().outcomeReason().orElse(""));
    }

    private static java.time.Instant at(List<dev.backstop.timeline.Event> events, String kind) {
        return events.stream()
                .filter(event -> event.kind().equals(kind))
                .map(dev.backstop.timeline.Event::at)
                .findFirst()
                .orElse(java.time.Instant.EPOCH);
    }

    private static void falseRollbacks(Path dir, int deploys, boolean bursty) {
        int rolledBack = 0;
        try (VerdictHost host = new VerdictHost(
                        dir, "  window: 2s\n  interval: 500ms\n  probes: [ { path: /, expect: 200 } ]", "")
                .start()) {
            Bundles bundles = new Bundles(dir.resolve("bundles"));
            if (bursty) {
                host.deploy(bundles.shopFailing("bursty-0", 1, 50), "bursty-0");
            }
            for (int i = 1; i <= deploys; i++) {
                double rate = RATES[i % RATES.length];
                Load users = rate > 0 ? new Load(host.publicUrl("/orders"), rate) : null;
                VerdictHost.Outcome outcome;
                try {
                    outcome = bursty
                            ? host.deploy(bundles.shopFailing("bursty-" + i, 1, 50), "bursty-" + i)
                            : host.deploy(bundles.shop("v1", "healthy-" + i), "healthy-" + i);
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
        System.out.printf(
                Locale.ROOT,
                "RESULT false rollbacks%s: %d of %d healthy deploys%n",
                bursty ? " (old and new releases fail 1 request in 50)" : "",
                rolledBack,
                deploys);
    }
}
