import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The shop's background job worker, run by the JDK's source launcher ({@code java src/Worker.java}).
 *
 * <p>A job is a file {@code tmp/jobs/NAME.job} holding one line (say, a mail to send). Backstop links
 * {@code tmp/jobs} to the app's shared directory, so queued jobs survive a deploy or a rollback.
 * The worker prints a line per job, deletes it, and prints a heartbeat every few seconds. On
 * SIGTERM it finishes the job at hand and exits 0.
 */
public final class Worker {

    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(5);

    public static void main(String[] args) throws Exception {
        String version = Files.readString(Path.of("VERSION")).strip();
        String env = System.getenv().getOrDefault("APP_ENV", "development");
        Path spool = Files.createDirectories(Path.of("tmp", "jobs"));
        CountDownLatch terminated = new CountDownLatch(1);
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> terminated.countDown());
        System.out.println("Shop " + version + " worker processing " + spool + "/*.job (APP_ENV=" + env + ")");
        long processed = 0;
        long nextHeartbeat = System.nanoTime();
        while (terminated.getCount() > 0) {
            for (Path job : pending(spool)) {
                if (terminated.getCount() == 0) {
                    break;
                }
                System.out.println("processed job " + job.getFileName() + ": " + Files.readString(job).strip());
                Files.delete(job);
                processed++;
            }
            if (System.nanoTime() - nextHeartbeat >= 0) {
                System.out.println("heartbeat: " + processed + " jobs processed, " + pending(spool).size() + " waiting");
                nextHeartbeat = System.nanoTime() + HEARTBEAT_NANOS;
            }
            terminated.await(250, TimeUnit.MILLISECONDS);
        }
        System.out.println("Shop " + version + " worker stopping on SIGTERM after " + processed + " jobs");
    }

    /** Job files in name order; writers should create {@code NAME.tmp} and rename it to {@code NAME.job}. */
    private static List<Path> pending(Path spool) throws IOException {
        List<Path> jobs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(spool, "*.job")) {
            files.forEach(jobs::add);
        }
        jobs.sort(null);
        return jobs;
    }
}
