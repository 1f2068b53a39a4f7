package dev.jtls.proxy.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** The problems found in one file, each tied to a line and a key path. */
final class Problems {

    /** Past this many the rest are noise (usually one mistake seen many times). */
    private static final int MAX = 50;

    private record Problem(int line, String text) {}

    private final String file;
    private final List<Problem> list = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** A problem at {@code node}'s first line (1-based as editors count). */
    void add(Node node, String path, String message) {
        add(node == null ? 0 : node.getStartMark().getLine() + 1, path, message);
    }

    void add(int line, String path, String message) {
        if (list.size() < MAX) {
            String where = line > 0 ? file + ":" + line : file;
            list.add(new Problem(line, where + ": " + (path.isEmpty() ? "" : path + ": ") + message));
        }
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    ConfigException exception() {
        List<Problem> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingInt(Problem::line)); // stable: same line keeps finding order
        return new ConfigException(sorted.stream().map(Problem::text).toList());
    }
}
