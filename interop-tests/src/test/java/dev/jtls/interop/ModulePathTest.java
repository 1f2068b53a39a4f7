package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.CryptoProviders;
import dev.jtls.jsse.JtlsProvider;
import dev.jtls.record.TlsAlertException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jtls from the module path (a modular application must find the provider through the ServiceLoader
 * and run with no class path): a
 * small modular program, {@code jtls.demo.app}, is compiled here with the system Java compiler
 * against the jtls modules and Bouncy Castle's provider module, and run as its own process with
 * {@code java --module-path ... -m} (no class path). It finds the jtls provider only through
 * {@code ServiceLoader.load(java.security.Provider.class)} — for a named module that works only by
 * its {@code provides} clause, META-INF/services is not read — and drives an SSLEngine to a
 * ClientHello. The jtls modules are taken from wherever this test loaded them (the jars in a
 * reactor {@code verify}, the target/classes directories in {@code -am test}); both are modules.
 */
class ModulePathTest {
    private static final long RUN_SECONDS = 60;

    private static final String MODULE_INFO = """
            module jtls.demo.app {
                requires dev.jtls.core;
                uses java.security.Provider;
            }
            """;

    /** The program: every check prints a reason and exits non-zero when it fails. */
    private static final String MAIN = """
            package jtls.demo;

            import java.nio.ByteBuffer;
            import java.security.KeyStore;
            import java.security.Provider;
            import java.util.Arrays;
            import java.util.ServiceLoader;
            import javax.net.ssl.SSLContext;
            import javax.net.ssl.SSLEngine;
            import javax.net.ssl.SSLEngineResult;
            import javax.net.ssl.TrustManagerFactory;

            public final class Main {
                public static void main(String[] args) throws Exception {
                    Provider jtls = null;
                    for (Provider p : ServiceLoader.load(Provider.class)) {
                        if (p.getName().equals(dev.jtls.jsse.JtlsProvider.NAME)) {
                            jtls = p;
                        }
                    }
                    if (jtls == null) {
                        fail("the ServiceLoader found no provider named jtls");
                    }
                    System.out.println("provider=" + jtls.getName() + " module=" + jtls.getClass().getModule().getName());
                    // A service the provider makes by reflection (Provider.Service.newInstance): needs the
                    // package exported and a public constructor.
                    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", jtls);
                    tmf.init((KeyStore) null);
                    SSLContext ctx = SSLContext.getInstance("TLSv1.2", jtls);
                    ctx.init(null, tmf.getTrustManagers(), null);
                    String[] protocols = ctx.getSupportedSSLParameters().getProtocols();
                    System.out.println("protocols=" + String.join(",", protocols));
                    if (!Arrays.asList(protocols).contains("TLSv1.2")) {
                        fail("TLSv1.2 is not among the supported protocols");
                    }
                    SSLEngine engine = ctx.createSSLEngine("example.com", 443);
                    engine.setUseClientMode(true);
                    engine.beginHandshake();
                    ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
                    SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), net);
                    net.flip();
                    // RFC 5246 6.2.1 and 7.4: a handshake record (22) whose first message is client_hello (1).
                    if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesProduced() <= 5
                            || net.get(0) != 22 || net.get(5) != 1) {
                        fail("no ClientHello record: " + r);
                    }
                    System.out.println("clienthello=" + r.bytesProduced() + " bytes");
                    System.out.println("OK");
                }

                private static void fail(String why) {
                    System.out.println("FAIL " + why);
                    System.exit(3);
                }
            }
            """;

    @Test
    void theJtlsModulesDeclareTheirNamesExportsAndTheProvider() throws Exception {
        assertThat(moduleAt(locationOf(CryptoProviders.class)).name()).isEqualTo("dev.jtls.crypto");
        assertThat(moduleAt(locationOf(TlsAlertException.class)).name()).isEqualTo("dev.jtls.records");
        ModuleDescriptor core = moduleAt(locationOf(JtlsProvider.class));
        assertThat(core.name()).isEqualTo("dev.jtls.core");
        assertThat(core.isAutomatic()).isFalse();
        assertThat(core.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source))
                .contains("dev.jtls.jsse", "dev.jtls.connection", "dev.jtls.config", "dev.jtls.suite", "dev.jtls.pki");
        assertThat(core.provides()).anySatisfy(p -> {
            assertThat(p.service()).isEqualTo("java.security.Provider");
            assertThat(p.providers()).containsExactly(JtlsProvider.class.getName());
        });
        assertThat(moduleAt(locationOf(org.bouncycastle.crypto.Digest.class)).name())
                .isEqualTo("org.bouncycastle.provider");
    }

    @Test
    void aModularProgramFindsJtlsThroughTheServiceLoaderAndWritesAClientHello(@TempDir Path dir) throws Exception {
        List<Path> modulePath = jtlsModulePath();
        Path app = compileDemo(dir, modulePath);

        Run run = runDemo(dir, app, modulePath);

        System.out.println("module path: " + join(modulePath) + System.lineSeparator() + run.output);
        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.output)
                .contains("provider=jtls module=dev.jtls.core")
                .containsPattern("protocols=(.*,)?TLSv1\\.2(,|\\R)")
                .containsPattern("clienthello=[1-9][0-9]* bytes")
                .contains("OK");
    }

    @Test
    void withoutBouncyCastleOnTheModulePathTheProgramDoesNotStart(@TempDir Path dir) throws Exception {
        // The control: the program really runs on the module path, where dev.jtls.crypto's
        // "requires org.bouncycastle.provider" is checked at startup.
        List<Path> modulePath = jtlsModulePath();
        Path app = compileDemo(dir, modulePath);
        List<Path> withoutBc = new ArrayList<>(modulePath);
        withoutBc.remove(locationOf(org.bouncycastle.crypto.Digest.class));

        Run run = runDemo(dir, app, withoutBc);

        assertThat(run.exit).as(run.output).isNotZero();
        assertThat(run.output).contains("org.bouncycastle.provider").doesNotContain("OK");
    }

    /** tls-crypto, tls-records, tls-core and bcprov, as this JVM loaded them (jars or class directories). */
    private static List<Path> jtlsModulePath() throws URISyntaxException {
        return List.of(locationOf(CryptoProviders.class), locationOf(TlsAlertException.class),
                locationOf(JtlsProvider.class), locationOf(org.bouncycastle.crypto.Digest.class));
    }

    private static Path locationOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor moduleAt(Path location) {
        Set<ModuleReference> found = ModuleFinder.of(location).findAll();
        assertThat(found).as("modules at " + location).hasSize(1);
        return found.iterator().next().descriptor();
    }

    private static Path compileDemo(Path dir, List<Path> modulePath) throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("jtls/demo"));
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(src.resolve("jtls/demo/Main.java"), MAIN);
        Path out = dir.resolve("jtls.demo.app");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler").isNotNull();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        // An empty class path: the in-process compiler would otherwise take this JVM's (Surefire's) one.
        Path noClassPath = Files.createDirectories(dir.resolve("no-class-path"));
        String[] args = {"--release", "17", "-Xlint:all", "-Werror", "-d", out.toString(),
                "--class-path", noClassPath.toString(), "--module-path", join(modulePath),
                src.resolve("module-info.java").toString(), src.resolve("jtls/demo/Main.java").toString()};
        int exit = javac.run(null, diagnostics, diagnostics, args);
        assertThat(exit).as("javac: " + diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        return out;
    }

    private record Run(int exit, String output) {}

    /** Runs the program with the java of this JVM, bounded in time; stopped by its process id if it hangs. */
    private static Run runDemo(Path dir, Path app, List<Path> modulePath) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<Path> path = new ArrayList<>();
        path.add(app);
        path.addAll(modulePath);
        Path log = Files.createTempFile(dir, "demo", ".log");
        Process process = new ProcessBuilder(java.toString(), "--module-path", join(path),
                "-m", "jtls.demo.app/jtls.demo.Main")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            boolean exited = process.waitFor(RUN_SECONDS, TimeUnit.SECONDS);
            assertThat(exited).as("the demo ended within " + RUN_SECONDS + " s: " + Files.readString(log)).isTrue();
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            stop(process.pid());
        }
    }

    private static void stop(long pid) throws InterruptedException {
        ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
        if (handle == null || !handle.isAlive()) {
            return;
        }
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroy();
        try {
            handle.onExit().get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            handle.destroyForcibly();
        }
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
