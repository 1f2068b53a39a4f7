package dev.jtls.cli;

import dev.jtls.proxy.config.ConfigException;
import dev.jtls.proxy.config.ConfigLoader;
import dev.jtls.proxy.config.ProxyConfig;
import dev.jtls.proxy.server.ProxyServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jtls proxy --config FILE}: the TLS-offloading load balancer, until interrupted (then it drains:
 * stops accepting, lets requests in progress finish up to {@code limits.drain_timeout}); and
 * {@code jtls proxy demo}.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        subcommands = {ProxyDemo.class},
        description = {"Run jtls proxy, the TLS-offloading load balancer (Netty with jtls's SSLEngine), from a YAML "
                + "configuration; Ctrl-C drains and stops it.",
            "Configuration reference: tls-proxy/CONFIG.md; a working example: examples/lb.yaml.",
            "'jtls proxy demo' shows it working on loopback with nothing to set up."})
final class ProxyCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "the configuration file (YAML)")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (config == null) {
            // Not picocli's required=true: 'jtls proxy demo' has no --config.
            System.err.println("jtls proxy: --config FILE is required (or run 'jtls proxy demo')");
            spec.commandLine().usage(System.err);
            return 2;
        }
        ProxyConfig loaded;
        try {
            loaded = ConfigLoader.load(config);
        } catch (ConfigException e) {
            System.err.println("jtls proxy: " + config + " cannot be used:");
            e.problems().forEach(p -> System.err.println("  " + p));
            return 2;
        }
        ProxyServer server;
        try {
            server = ProxyServer.start(loaded);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            System.err.println("jtls proxy: cannot start: " + e.getMessage());
            return 1;
        }
        server.boundAddresses().forEach((name, address) -> out.printf("jtls proxy: listener %s on %s:%d%n", name,
                address.getAddress().getHostAddress(), address.getPort()));
        if (server.adminAddress() != null) {
            out.printf("jtls proxy: admin (GET /metrics) on http://%s:%d%n",
                    server.adminAddress().getAddress().getHostAddress(), server.adminAddress().getPort());
        }
        // Hot reload: edits to the file (or its certificates, keys, ticket secret) and admin POST /reload.
        server.watch(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("jtls proxy: draining (limits.drain_timeout " + loaded.limits().drainTimeout() + ")");
            try {
                server.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }, "jtls-proxy-shutdown"));
        stopped.await();
        return 0;
    }
}
