package dev.jtls.proxy.server;

import dev.jtls.proxy.config.CertificateConfig;
import dev.jtls.proxy.config.ListenerConfig;
import dev.jtls.proxy.config.ProxyConfig;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Watches the configuration file and the files it names (certificates, keys, the ticket secret) and
 * calls {@code onChange} once per burst of changes: editors and certificate tools write a file in
 * several steps (truncate, write, rename), so a change is acted on after {@link #SETTLE_MILLIS} of
 * quiet. One daemon thread; {@link #close} stops it.
 */
final class ConfigWatcher implements AutoCloseable {
    static final long SETTLE_MILLIS = 300;

    private final WatchService service;
    private final Thread thread;

    private ConfigWatcher(WatchService service, Thread thread) {
        this.service = service;
        this.thread = thread;
    }

    /** The files whose change means a reload: every certificate, key, client CA and the ticket secret. */
    static Set<Path> referencedFiles(ProxyConfig config) {
        Set<Path> files = new LinkedHashSet<>();
        for (ListenerConfig l : config.listeners()) {
            if (l.tls() == null) {
                continue;
            }
            for (CertificateConfig c : l.tls().certificates()) {
                files.add(c.cert().toAbsolutePath());
                files.add(c.key().toAbsolutePath());
            }
            if (l.tls().clientCa() != null) {
                files.add(l.tls().clientCa().toAbsolutePath());
            }
        }
        if (config.tickets() != null && config.tickets().secretFile() != null) {
            files.add(config.tickets().secretFile().toAbsolutePath());
        }
        return files;
    }

    static ConfigWatcher start(Path configFile, Supplier<Set<Path>> referenced, Runnable onChange) throws IOException {
        WatchService service = FileSystems.getDefault().newWatchService();
        Set<Path> dirs = new HashSet<>();
        Set<Path> watched = new HashSet<>(referenced.get());
        watched.add(configFile);
        for (Path f : watched) {
            if (dirs.add(f.getParent())) {
                f.getParent().register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            }
        }
        Thread t = new Thread(() -> loop(service, configFile, referenced, onChange), "jtls-proxy-config-watch");
        t.setDaemon(true);
        ConfigWatcher w = new ConfigWatcher(service, t);
        t.start();
        return w;
    }

    private static void loop(WatchService service, Path configFile, Supplier<Set<Path>> referenced, Runnable onChange) {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean relevant = relevant(key, configFile, referenced);
                // Let the writer finish: gather everything that arrives until the files are quiet.
                WatchKey more;
                while ((more = service.poll(SETTLE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
                    relevant |= relevant(more, configFile, referenced);
                }
                if (relevant) {
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private static boolean relevant(WatchKey key, Path configFile, Supplier<Set<Path>> referenced) {
        Path dir = (Path) key.watchable();
        Set<Path> files = referenced.get();
        boolean hit = false;
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.context() instanceof Path name) {
                Path full = dir.resolve(name).toAbsolutePath();
                hit |= full.equals(configFile) || files.contains(full);
            } else {
                hit = true; // OVERFLOW: events were lost; reload to be sure
            }
        }
        key.reset();
        return hit;
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // nothing to do
        }
        thread.interrupt();
    }
}
