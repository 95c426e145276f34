package dev.switchboard.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes strategic merge patch, for the lists deploy/k8s patches: maps merge key by key, a null
 * value deletes, lists of containers, env, volumes and volume mounts merge by their patch merge key
 * (name, or mountPath), container ports by containerPort and Service ports by port; other lists are
 * replaced. Directives ($patch, $setElementOrder, ...) are refused. Stateless.
 */
final class StrategicMerge {
  private static final Map<String, String> MERGE_KEYS = Map.of(
      "containers", "name",
      "initContainers", "name",
      "env", "name",
      "volumes", "name",
      "volumeMounts", "mountPath",
      "imagePullSecrets", "name");

  private StrategicMerge() {}

  /** Merges patch into target, changing target. */
  static void merge(Map<String, Object> target, Map<String, Object> patch) {
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      if (key.startsWith("$")) {
        throw new IllegalArgumentException("strategic-merge directive " + key + " is not implemented");
      }
      if (value == null) {
        target.remove(key);
        continue;
      }
      Object existing = target.get(key);
      if (existing instanceof Map<?, ?> em && value instanceof Map<?, ?> vm) {
        merge(YamlDocs.map(em), YamlDocs.map(vm));
      } else if (existing instanceof List<?> el && value instanceof List<?> vl) {
        String mergeKey = mergeKey(key, YamlDocs.list(el), YamlDocs.list(vl));
        if (mergeKey == null) {
          target.put(key, YamlDocs.deepCopy(value));
        } else {
          mergeList(YamlDocs.list(el), YamlDocs.list(vl), mergeKey);
        }
      } else {
        target.put(key, YamlDocs.deepCopy(value));
      }
    }
  }

  private static String mergeKey(String field, List<Object> existing, List<Object> patch) {
    if (field.equals("ports")) {
      boolean containerPorts = existing.stream().anyMatch(p -> p instanceof Map<?, ?> m && m.containsKey("containerPort"));
      return containerPorts ? "containerPort" : "port";
    }
    return MERGE_KEYS.get(field);
  }

  private static void mergeList(List<Object> existing, List<Object> patch, String mergeKey) {
    for (Object p : patch) {
      Map<String, Object> patchItem = YamlDocs.map(p);
      Object id = patchItem.get(mergeKey);
      if (id == null) {
        throw new IllegalArgumentException("patch list item without its merge key " + mergeKey + ": " + patchItem);
      }
      Map<String, Object> match = existing.stream().map(YamlDocs::map)
          .filter(item -> Objects.equals(String.valueOf(item.get(mergeKey)), String.valueOf(id)))
          .findFirst().orElse(null);
      if (match == null) {
        existing.add(YamlDocs.deepCopy(patchItem));
      } else {
        merge(match, patchItem);
      }
    }
  }
}
