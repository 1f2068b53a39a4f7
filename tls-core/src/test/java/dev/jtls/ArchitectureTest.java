package dev.jtls;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.Architectures;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.net.Proxy;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packages of tls-crypto, tls-records and tls-core (main code) form a DAG in the layers below:
 * each imports only packages of lower layers, so each can be read, tested and changed knowing only
 * what lies beneath it; and none of them fetches from the network on its own.
 */
class ArchitectureTest {
    /** Lowest first; packages on one line are peers and do not import each other. */
    private static final List<List<String>> LAYERS = List.of(
            List.of("dev.jtls.crypto.."),
            List.of("dev.jtls.record"),
            List.of("dev.jtls.message", "dev.jtls.suite"),
            List.of("dev.jtls.pki"),
            List.of("dev.jtls.session"),
            List.of("dev.jtls.handshake"),
            List.of("dev.jtls.config"),
            List.of("dev.jtls.handshake.client", "dev.jtls.handshake.server"),
            List.of("dev.jtls.connection"),
            List.of("dev.jtls.jsse"));

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.jtls");

    /**
     * One slice per package, except tls-crypto's back ends: dev.jtls.crypto.bc and .jca implement
     * dev.jtls.crypto's interfaces and CryptoProviders (in dev.jtls.crypto) makes them, and neither
     * back end is exported from the module, so the three are one unit to the rest of jtls.
     */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (!p.startsWith("dev.jtls.")) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(p.startsWith("dev.jtls.crypto") ? "dev.jtls.crypto" : p);
        }

        @Override
        public String getDescription() {
            return "the packages of dev.jtls (tls-crypto's back ends with dev.jtls.crypto)";
        }
    };

    @Test
    void everyLayerIsImported() {
        for (List<String> level : LAYERS) {
            for (String layer : level) {
                String p = layer.replace("..", "");
                assertThat(CLASSES.stream().anyMatch(c -> c.getPackageName().equals(p)))
                        .as("classes of %s on the class path", p).isTrue();
            }
        }
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void eachLayerImportsOnlyLowerLayers() {
        Architectures.LayeredArchitecture rule = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> level : LAYERS) {
            for (String layer : level) {
                rule = rule.layer(layer).definedBy(layer);
            }
        }
        for (int i = 0; i < LAYERS.size(); i++) {
            List<String> above = new ArrayList<>();
            for (List<String> higher : LAYERS.subList(i + 1, LAYERS.size())) {
                above.addAll(higher);
            }
            for (String layer : LAYERS.get(i)) {
                rule = above.isEmpty() ? rule.whereLayer(layer).mayNotBeAccessedByAnyLayer()
                        : rule.whereLayer(layer).mayOnlyBeAccessedByLayers(above.toArray(new String[0]));
            }
        }
        rule.check(CLASSES);
    }

    /**
     * The library fetches nothing on its own (no CRL, OCSP responder, AIA issuer or other URL): what
     * validation needs from the network the application hands in, e.g. through a CrlFetcher.
     */
    @Test
    void noClassFetchesFromTheNetwork() {
        ArchRuleDefinition.noClasses()
                .should().callMethod(URL.class, "openConnection")
                .orShould().callMethod(URL.class, "openConnection", Proxy.class)
                .orShould().callMethod(URL.class, "openStream")
                .orShould().dependOnClassesThat().resideInAPackage("java.net.http..")
                .check(CLASSES);
    }
}
