package dev.backstop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonTest {

    @TempDir
    Path dir;

    private final List<String> events = Collections.synchronizedList(new java.util.ArrayList<>());

    @Test
    void startBindsTheAdminPortWritesThePidFileAndStartsModulesInOrder() throws Exception {
        Daemon daemon = daemonWith(module("supervisor"), module("watch"));

        InetSocketAddress address = daemon.start();

        try {
            assertThat(events).containsExactly("start supervisor", "start watch");
            assertThat(Files.readAllLines(dir.resolve("data/daemon.pid")))
                    .containsExactly(
                            String.valueOf(ProcessHandle.current().pid()),
                            daemon.identity().startedAt().toString());
            assertThat(dir.resolve("data/admin.token")).exists();
            assertThat(accepts(address)).isTrue();
        } finally {
            daemon.stop();
        }
    }

    @Test
    void stopClosesModulesInReverseOrderFreesThePortAndRemovesThePidFile() {
        Daemon daemon = daemonWith(module("supervisor"), module("watch"));
        InetSocketAddress address = daemon.start();

        daemon.stop();

        assertThat(events).containsExactly("start supervisor", "start watch", "close watch", "close supervisor");
        assertThat(dir.resolve("data/daemon.pid")).doesNotExist();
        assertThat(accepts(address)).isFalse();
    }

    @Test
    void aSecondDaemonForTheSameAppStopsAtTheLockHavingChangedNothing() throws Exception {
        Daemon first = new Daemon(TestConfig.of("shop", dir, 0), List.of(), List.of(module("first")));
        int port = first.start().getPort();
        Daemon second = new Daemon(TestConfig.of("shop", dir, port), List.of(), List.of(module("second")));

        try {
            assertThatThrownBy(second::start)
                    .isInstanceOf(AdminPortInUseException.class)
                    .hasMessageContaining("another Backstop daemon may already run for this app");
            assertThat(events).containsExactly("start first");
            assertThat(Files.readAllLines(dir.resolve("data/daemon.pid")).get(0))
                    .isEqualTo(String.valueOf(first.identity().pid()));
        } finally {
            first.stop();
        }
    }

    @Test
    void aModuleThatFailsToStartStopsTheOnesStartedBeforeAndReleasesTheLock() {
        DaemonModule broken = new RecordingModule("proxy", events) {
            @Override
            public void start() {
                throw new IllegalStateException("proxy port taken");
            }
        };
        Daemon daemon = new Daemon(TestConfig.of("shop", dir, 0), List.of(), List.of(module("supervisor"), broken));

        assertThatThrownBy(daemon::start).hasMessage("proxy port taken");

        assertThat(events).containsExactly("start supervisor", "close supervisor");
        assertThat(dir.resolve("data/daemon.pid")).doesNotExist();
    }

    @Test
    void aModuleThatDoesNotStopIsLeftBehindOnceTheBudgetIsSpentAndTheOthersStillStop() {
        CountDownLatch release = new CountDownLatch(1);
        DaemonModule stuck = new RecordingModule("stuck", events) {
            @Override
            public void close() {
                awaitQuietly(release);
            }
        };
        Daemon daemon = new Daemon(
                TestConfig.of("shop", dir, 0), List.of(), List.of(module("supervisor"), stuck), Duration.ofMillis(300));
        daemon.start();

        try {
            daemon.stop();

            assertThat(events).containsExactly("start supervisor", "start stuck", "close supervisor");
            assertThat(dir.resolve("data/daemon.pid")).doesNotExist();
        } finally {
            release.countDown();
        }
    }

    @Test
    void awaitStopReturnsOnceAnotherThreadHasStoppedTheDaemon() {
        Daemon daemon = new Daemon(TestConfig.of("shop", dir, 0), List.of(), List.of());
        daemon.start();
        Thread waiter = new Thread(
                () -> {
                    try {
                        daemon.awaitStop();
                        events.add("returned");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "test-await-stop");
        waiter.start();

        daemon.stop();

        await().atMost(10, TimeUnit.SECONDS).until(() -> events.contains("returned"));
    }

    private Daemon daemonWith(DaemonModule... modules) {
        return new Daemon(TestConfig.of("shop", dir, 0), List.of(), List.of(modules));
    }

    private DaemonModule module(String name) {
        return new RecordingModule(name, events);
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket socket = new Socket(address.getHostString(), address.getPort())) {
            return socket.isConnected();
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A module that only writes down what the daemon asked of it. */
    private static class RecordingModule implements DaemonModule {
        private final String name;
        private final List<String> events;

        RecordingModule(String name, List<String> events) {
            this.name = name;
            this.events = events;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
            events.add("start " + name);
        }

        @Override
        public void close() {
            events.add("close " + name);
        }
    }
}
