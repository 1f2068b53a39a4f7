package dev.jtls.proxy.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;

/** A fresh directory under target/ with the demo certificate as cert.pem / key.pem, and lb.yaml. */
final class ConfigFiles {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    final Path dir;

    ConfigFiles() {
        try {
            dir = Files.createDirectories(Path.of("target", "config-tests",
                    ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet()));
            Path certs = Path.of("..", "examples", "certs");
            Files.copy(certs.resolve("demo-localhost.cert.pem"), dir.resolve("cert.pem"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(certs.resolve("demo-localhost.key.pem"), dir.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ProxyConfig load(String yaml) throws ConfigException {
        return ConfigLoader.load(write("lb.yaml", yaml));
    }
}
