package dev.backstop.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A stand-in daemon for {@link DaemonKillTest}: supervises one ticking worker, then waits to be
 * killed. Arguments: data directory, logs directory, release directory.
 */
public final class SupervisorProcessMain {

    private SupervisorProcessMain() {}

    public static void main(String[] args) throws InterruptedException {
        Supervisor supervisor = Supervisor.open(
                Host.settings(Path.of(args[1]), Host.rules()),
                new FileProcessLedger(Path.of(args[0])),
                SupervisorListener.NONE);
        supervisor.supervise(tickingWorker(Path.of(args[2])));
        System.out.println("supervising");
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Named after the test's own folder: stopping a release elsewhere on the host must not stop it. */
    static InstanceSpec tickingWorker(Path directory) {
        return new InstanceSpec(
                new InstanceKey("r1-" + directory.getFileName(), "worker", 1),
                directory,
                "while :; do echo tick; sleep 0.05; done",
                Map.of(),
                0,
                Duration.ofSeconds(2));
    }
}
