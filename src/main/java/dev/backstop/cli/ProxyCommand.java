package dev.backstop.cli;

import dev.backstop.BadInputException;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.proxy.ProxyInstance;
import dev.backstop.proxy.ProxyMain;
import dev.backstop.proxy.ProxyOptions;
import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.store.Store;
import dev.backstop.timeline.Timeline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code backstop proxy}: the reverse proxy process (normally started by the daemon). */
@Command(
        name = "proxy",
        mixinStandardHelpOptions = true,
        description = {
            "Run the reverse proxy for the app on 'listen:' in the foreground until SIGTERM (then it drains and exits).",
            "'backstop server' starts one itself when none runs; run it yourself (e.g. its own systemd unit) to upgrade it without dropping requests."
        },
        footer = {"", "Example:", "  backstop proxy --config /etc/backstop/shop.yml"})
final class ProxyCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        BackstopConfig app = new ConfigLoader().load(config.file);
        ProxyOptions options = optionsFor(app);
        refuseForeignListener(options);
        ProxyMain.run(options);
        return ExitCode.OK;
    }

    /*
     * SO_REUSEPORT lets a new proxy share the port with the one it replaces. It would just as
     * quietly share it with any other process of the same user listening there (a proxy left from
     * a removed install, another app's proxy with the same 'listen:'), and half the requests would
     * go there. Sharing is only allowed with a proxy announced in this app's state directory.
     */
    private static void refuseForeignListener(ProxyOptions options) {
        if (!ProxyInstance.running(options.stateDirectory()).isEmpty()) {
            return;
        }
        try (Socket probe = new Socket()) {
            probe.connect(
                    new InetSocketAddress(
                            options.listen().host(), options.listen().port()),
                    500);
        } catch (IOException free) {
            return;
        }
        throw new BadInputException("listen address " + options.listen() + " is already in use by another program"
                + " (not a proxy of this app: none is announced in " + options.stateDirectory()
                + "); stop it or change 'listen:'.");
    }

    static ProxyOptions optionsFor(BackstopConfig app) {
        Path state = app.data().resolve("proxy");
        return new ProxyOptions(
                app.listen(),
                state,
                app.proxy(),
                maintenancePage(app),
                app.maintenance().retryAfter(),
                app.verify().replay());
    }

    /** The app's own page ({@code maintenance.page}, from the live release) when it has one; Backstop's otherwise. */
    private static String maintenancePage(BackstopConfig app) {
        if (app.maintenance().page().isEmpty()) {
            return ProxyOptions.DEFAULT_PAGE;
        }
        try (Store store = Store.open(app.store())) {
            Optional<Release> live = new ReleaseCatalog(store.jdbi(), new Timeline(store.jdbi())).live(app.app());
            if (live.isPresent()) {
                Path page = app.releasesDir()
                        .resolve(live.get().id())
                        .resolve(app.maintenance().page().get());
                if (Files.isRegularFile(page)) {
                    return Files.readString(page);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // The built-in page is better than no proxy: maintenance must work even when the store does not.
        }
        return ProxyOptions.DEFAULT_PAGE;
    }
}
