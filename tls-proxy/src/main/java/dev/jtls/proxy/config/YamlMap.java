package dev.jtls.proxy.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping of the configuration, read through SnakeYAML's node tree (so every value keeps its
 * line) with typed getters. A getter that meets a bad value records a problem (file, line, key path,
 * what was expected) and returns the default, so one load reports every mistake at once. Keys outside
 * the allowed set are refused, with the closest allowed key as a suggestion.
 */
final class YamlMap {

    /** The tags plain YAML resolves to; anything else ({@code !!binary}, {@code !custom}) is refused. */
    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.BOOL, Tag.FLOAT, Tag.NULL, Tag.MAP, Tag.SEQ, Tag.TIMESTAMP);

    private final Node node;
    /** The key this mapping is the value of, if any: a missing key is reported at its line. */
    private Node keyNode;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private YamlMap(Node node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    /** Reads {@code node} as a mapping with only {@code allowed} keys; a null node is an empty mapping. */
    static YamlMap of(Node node, String path, Problems problems, Set<String> allowed) {
        YamlMap m = new YamlMap(node, path, problems);
        if (node == null || isNull(node) || !PLAIN_TAGS.contains(node.getTag())) {
            return m; // a refused tag was reported where it was found
        }
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, path, "must be a mapping (key: value lines), got " + describe(node));
            return m;
        }
        for (NodeTuple t : mapping.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks)) {
                problems.add(k, path, "keys must be plain words, got " + describe(k));
                continue;
            }
            String key = ks.getValue();
            String keyPath = join(path, key);
            if (!allowed.contains(key)) {
                problems.add(k, keyPath, "unknown key" + Values.didYouMean(key, allowed));
                continue;
            }
            NodeTuple first = m.entries.get(key);
            if (first != null) {
                problems.add(k, keyPath, "duplicate key (first at line " + line(first.getKeyNode()) + ")");
                continue;
            }
            checkTags(t.getValueNode(), keyPath, problems);
            m.entries.put(key, t);
        }
        return m;
    }

    /** Reads {@code node} as a mapping whose keys are names chosen by the user (pools, SNI names). */
    static Map<String, Node> namedEntries(Node node, String path, Problems problems) {
        Map<String, Node> out = new LinkedHashMap<>();
        Map<String, Node> keys = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return out;
        }
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, path, "must be a mapping (name: ...), got " + describe(node));
            return out;
        }
        for (NodeTuple t : mapping.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks) || ks.getValue().isEmpty()) {
                problems.add(k, path, "names must be plain words, got " + describe(k));
                continue;
            }
            String name = ks.getValue();
            if (out.containsKey(name)) {
                problems.add(k, join(path, name), "duplicate name (first at line " + line(keys.get(name)) + ")");
                continue;
            }
            checkTags(t.getValueNode(), join(path, name), problems);
            out.put(name, t.getValueNode());
            keys.put(name, k);
        }
        return out;
    }

    String path() { return path; }

    Node node() { return node; }

    Problems problems() { return problems; }

    String child(String key) { return join(path, key); }

    boolean has(String key) {
        NodeTuple t = entries.get(key);
        return t != null && !isNull(t.getValueNode());
    }

    /** The value node, or null when absent or written empty. */
    Node get(String key) {
        NodeTuple t = entries.get(key);
        return t == null || isNull(t.getValueNode()) ? null : t.getValueNode();
    }

    /** A nested mapping; absent: an empty one (so every default applies). */
    YamlMap map(String key, Set<String> allowed) {
        YamlMap m = of(get(key), child(key), problems, allowed);
        NodeTuple t = entries.get(key);
        m.keyNode = t != null ? t.getKeyNode() : null;
        return m;
    }

    /** Where a problem with this mapping as a whole (a missing key) is shown: its key, else its start. */
    Node anchor() {
        return keyNode != null ? keyNode : node;
    }

    /** Records a problem at {@code key}'s value (or at this mapping when the key is absent). */
    void problem(String key, String message) {
        Node at = get(key);
        problems.add(at != null ? at : anchor(), child(key), message);
    }

    String string(String key, String def) {
        return value(key, def, s -> s);
    }

    /** A required string; null (and a problem) when absent. */
    String required(String key) {
        if (!has(key)) {
            problems.add(anchor(), child(key), "is required");
            return null;
        }
        return string(key, null);
    }

    int integer(String key, int def, int min, int max) {
        return value(key, def, s -> {
            long v = parseInteger(s);
            checkRange(v < min, v > max, min, max, Long.toString(v));
            return (int) v;
        });
    }

    boolean bool(String key, boolean def) {
        return value(key, def, s -> {
            if (s.equals("true")) {
                return true;
            }
            if (s.equals("false")) {
                return false;
            }
            throw new IllegalArgumentException("must be true or false, got '" + s + "'");
        });
    }

    Duration duration(String key, Duration def, Duration min, Duration max) {
        return value(key, def, s -> {
            Duration d = Values.duration(s);
            checkRange(d.compareTo(min) < 0, d.compareTo(max) > 0, Values.format(min), Values.format(max), s);
            return d;
        });
    }

    long size(String key, long def, long min, long max) {
        return value(key, def, s -> {
            long v = Values.size(s);
            checkRange(v < min, v > max, Values.formatSize(min), Values.formatSize(max), s);
            return v;
        });
    }

    /** A scalar parsed by {@code parser}, which throws IllegalArgumentException with the reason. */
    <T> T value(String key, T def, Function<String, T> parser) {
        Node v = get(key);
        if (v == null) {
            return def;
        }
        return parse(v, child(key), problems, def, parser);
    }

    /** The items of a list; a single scalar is taken as a list of one. Absent: empty. */
    List<Node> list(String key) {
        Node v = get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof SequenceNode seq) {
            return seq.getValue();
        }
        if (v instanceof ScalarNode) {
            return List.of(v);
        }
        problems.add(v, child(key), "must be a list, got " + describe(v));
        return List.of();
    }

    /** A list of scalars, each parsed by {@code parser}; bad items are reported and left out. */
    <T> List<T> values(String key, Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        List<Node> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            T t = parse(items.get(i), child(key) + "[" + i + "]", problems, null, parser);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    static <T> T parse(Node v, String path, Problems problems, T def, Function<String, T> parser) {
        if (!PLAIN_TAGS.contains(v.getTag())) {
            return def; // reported where it was found
        }
        if (!(v instanceof ScalarNode s)) {
            problems.add(v, path, "must be a single value, got " + describe(v));
            return def;
        }
        try {
            return parser.apply(s.getValue());
        } catch (IllegalArgumentException e) {
            problems.add(v, path, e.getMessage());
            return def;
        }
    }

    static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static long parseInteger(String s) {
        if (!s.matches("-?\\d{1,18}")) {
            throw new IllegalArgumentException("must be a whole number, got '" + s + "'");
        }
        return Long.parseLong(s);
    }

    private static void checkRange(boolean below, boolean above, Object min, Object max, String got) {
        if (below) {
            throw new IllegalArgumentException("must be ≥ " + min + ", got " + got);
        }
        if (above) {
            throw new IllegalArgumentException("must be ≤ " + max + ", got " + got);
        }
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode && n.getTag().equals(Tag.NULL);
    }

    /** Refuses explicit tags anywhere under {@code n} (depth-bounded: aliases may make cycles). */
    private static void checkTags(Node n, String path, Problems problems) {
        checkTags(n, path, problems, 0);
    }

    private static void checkTags(Node n, String path, Problems problems, int depth) {
        if (depth > 32) {
            problems.add(n, path, "nested too deeply");
            return;
        }
        if (!PLAIN_TAGS.contains(n.getTag())) {
            problems.add(n, path, "YAML tag " + n.getTag().getValue() + " is not allowed (plain values only)");
        } else if (n instanceof SequenceNode seq) {
            List<Node> items = seq.getValue();
            for (int i = 0; i < items.size(); i++) {
                checkTags(items.get(i), path + "[" + i + "]", problems, depth + 1);
            }
        }
    }

    private static String describe(Node n) {
        if (n.getNodeId() == NodeId.mapping) {
            return "a mapping";
        }
        if (n.getNodeId() == NodeId.sequence) {
            return "a list";
        }
        return n instanceof ScalarNode s ? "'" + s.getValue() + "'" : n.getNodeId().toString();
    }
}
