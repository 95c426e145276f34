package dev.switchboard.medianode.kmd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kurento interface model read from the official module descriptors ({@code
 * META-INF/kurento/core.kmd.json} and {@code elements.kmd.json} of {@code kms-api-core} and
 * {@code kms-api-elements} 7.3.0), so the class hierarchy, the operations and the declared events
 * we accept are exactly the ones kurento-client was generated from. Immutable after loading;
 * safe to share between threads.
 */
public final class KmdModel {
  private static final List<String> MODULES = List.of("core", "elements");
  private static final String MODULE_PREFIX = "kurento";

  private final Map<String, RemoteClassInfo> classes;
  private final Map<String, TypeInfo> types;
  private final Map<String, String> descriptorTexts;
  private final Map<String, String> moduleVersions;

  private KmdModel(
      Map<String, RemoteClassInfo> classes,
      Map<String, TypeInfo> types,
      Map<String, String> descriptorTexts,
      Map<String, String> moduleVersions) {
    this.classes = classes;
    this.types = types;
    this.descriptorTexts = descriptorTexts;
    this.moduleVersions = moduleVersions;
  }

  /** Loads the descriptors bundled on the class path; fails fast if one is missing. */
  public static KmdModel load() {
    ObjectMapper mapper = JsonMapper.builder().build();
    Map<String, RemoteClassInfo> classes = new LinkedHashMap<>();
    Map<String, TypeInfo> types = new LinkedHashMap<>();
    Map<String, String> texts = new LinkedHashMap<>();
    Map<String, String> versions = new LinkedHashMap<>();
    for (String module : MODULES) {
      String resource = "/META-INF/kurento/" + module + ".kmd.json";
      String text = readResource(resource);
      JsonNode root = mapper.readTree(text);
      texts.put(module, text);
      versions.put(module, root.path("version").asString());
      for (JsonNode type : root.path("complexTypes")) {
        List<String> values = new ArrayList<>();
        type.path("values").forEach(v -> values.add(v.asString()));
        String name = type.path("name").asString();
        types.put(name, new TypeInfo(MODULE_PREFIX, name, "ENUM".equals(type.path("typeFormat").asString()), List.copyOf(values)));
      }
      for (JsonNode cls : root.path("remoteClasses")) {
        RemoteClassInfo info = readClass(cls);
        classes.put(info.name(), info);
      }
    }
    return new KmdModel(Map.copyOf(classes), Map.copyOf(types), Map.copyOf(texts), Map.copyOf(versions));
  }

  private static RemoteClassInfo readClass(JsonNode cls) {
    String name = cls.path("name").asString();
    Map<String, MethodInfo> operations = new LinkedHashMap<>();
    for (JsonNode m : cls.path("methods")) {
      String op = m.path("name").asString();
      String ret = m.path("return").path("type").asString(null);
      operations.put(op, new MethodInfo(name, op, readParams(m.path("params")), ret));
    }
    for (JsonNode p : cls.path("properties")) {
      String prop = p.path("name").asString();
      String type = p.path("type").asString();
      String capitalised = Character.toUpperCase(prop.charAt(0)) + prop.substring(1);
      operations.put("get" + capitalised, new MethodInfo(name, "get" + capitalised, List.of(), type));
      boolean writable = !p.path("readOnly").asBoolean(false) && !p.path("final").asBoolean(false);
      if (writable) {
        operations.put(
            "set" + capitalised,
            new MethodInfo(name, "set" + capitalised, List.of(new ParamInfo(prop, type, false)), null));
      }
    }
    List<String> events = new ArrayList<>();
    cls.path("events").forEach(e -> events.add(e.asString()));
    return new RemoteClassInfo(
        MODULE_PREFIX,
        name,
        cls.path("extends").asString(null),
        cls.path("abstract").asBoolean(false),
        readParams(cls.path("constructor").path("params")),
        Map.copyOf(operations),
        List.copyOf(events));
  }

  private static List<ParamInfo> readParams(JsonNode params) {
    List<ParamInfo> out = new ArrayList<>();
    for (JsonNode p : params) {
      out.add(new ParamInfo(p.path("name").asString(), p.path("type").asString(), p.path("optional").asBoolean(false)));
    }
    return List.copyOf(out);
  }

  private static String readResource(String resource) {
    try (InputStream in = KmdModel.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Kurento descriptor " + resource + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<RemoteClassInfo> remoteClass(String name) {
    return Optional.ofNullable(classes.get(name));
  }

  /** The class and its ancestors, most specific first. */
  public List<RemoteClassInfo> hierarchy(String className) {
    List<RemoteClassInfo> chain = new ArrayList<>();
    RemoteClassInfo current = classes.get(className);
    while (current != null) {
      chain.add(current);
      current = current.parent() == null ? null : classes.get(current.parent());
    }
    return chain;
  }

  /** Every event declared by the class or one of its ancestors. */
  public Set<String> events(String className) {
    Set<String> events = new LinkedHashSet<>();
    hierarchy(className).forEach(c -> events.addAll(c.events()));
    return events;
  }

  /** The operation as declared by the class or its nearest ancestor. */
  public Optional<MethodInfo> operation(String className, String operation) {
    for (RemoteClassInfo c : hierarchy(className)) {
      MethodInfo m = c.operations().get(operation);
      if (m != null) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  public Optional<TypeInfo> type(String name) {
    return Optional.ofNullable(types.get(name));
  }

  public boolean isRemoteClass(String typeName) {
    return classes.containsKey(typeName);
  }

  /** The raw descriptor text for {@code ServerManager.getKmd}. */
  public Optional<String> descriptor(String moduleName) {
    return Optional.ofNullable(descriptorTexts.get(moduleName));
  }

  public Map<String, String> moduleVersions() {
    return moduleVersions;
  }
}
