package dev.backstop.proxy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A real {@code backstop proxy} process (ProxyMain) in its own JVM with a small heap. */
final class ProxyProcess implements AutoCloseable {

    private final Process process;
    private final ProxyInstance instance;

    private ProxyProcess(Process process, ProxyInstance instance) {
        this.process = process;
        this.instance = instance;
    }

    static ProxyProcess start(String listen, Path state, String maxHeap) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx" + maxHeap,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ProxyMain.class.getName(),
                        listen,
                        state.toString())
                .redirectErrorStream(true)
                .redirectOutput(state.resolveSibling("proxy-" + System.nanoTime() + ".log")
                        .toFile())
                .start();
        ProxyInstance instance = await().atMost(Duration.ofSeconds(30))
                .until(() -> announced(state, process.pid()), Optional::isPresent)
                .orElseThrow();
        return new ProxyProcess(process, instance);
    }

    private static Optional<ProxyInstance> announced(Path state, long pid) {
        if (!state.toFile().isDirectory()) {
            return Optional.empty();
        }
        List<ProxyInstance> running = ProxyInstance.running(state);
        return running.stream().filter(instance -> instance.pid() == pid).findFirst();
    }

    int port() {
        String listen = instance.listen();
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    int controlPort() {
        return instance.controlPort();
    }

    Process process() {
        return process;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
