package dev.switchboard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads YAML files into plain trees (maps, lists, scalars) and gives typed access to paths in
 * them; a deep copy keeps renders independent. Stateless, thread-safe.
 */
final class YamlDocs {
  private YamlDocs() {}

  /** Every non-empty document of a (multi-document) YAML file, each a mapping. */
  static List<Map<String, Object>> load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return loadString(text, file.toString());
  }

  static List<Map<String, Object>> loadString(String text, String origin) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : yaml.loadAll(text)) {
      if (doc == null) {
        continue;
      }
      if (!(doc instanceof Map<?, ?>)) {
        throw new IllegalArgumentException(origin + ": a document is not a mapping: " + doc);
      }
      docs.add(map(deepCopy(doc)));
    }
    return docs;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  /** The value at a dotted path of map keys, or null when any step is missing. */
  static Object at(Object root, String dottedPath) {
    Object current = root;
    for (String key : dottedPath.split("\\.")) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(key);
    }
    return current;
  }

  static Map<String, Object> mapAt(Object root, String dottedPath) {
    Object v = at(root, dottedPath);
    return v instanceof Map<?, ?> ? map(v) : Map.of();
  }

  static List<Object> listAt(Object root, String dottedPath) {
    Object v = at(root, dottedPath);
    return v instanceof List<?> ? list(v) : List.of();
  }

  static String stringAt(Object root, String dottedPath) {
    Object v = at(root, dottedPath);
    return v == null ? null : String.valueOf(v);
  }

  /** Maps become LinkedHashMaps and lists ArrayLists, so a copy can be changed freely. */
  static Object deepCopy(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
      return copy;
    }
    if (o instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(v -> copy.add(deepCopy(v)));
      return copy;
    }
    return o;
  }

  static String dump(Object o) {
    return new Yaml().dump(o);
  }
}
