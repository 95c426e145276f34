package dev.switchboard.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization directory as `kubectl kustomize` does, for exactly the subset of kustomize
 * that deploy/k8s uses: resources (files and directories), patches (strategic-merge files, each
 * document naming its target by kind and name), images (name, newName, newTag, digest) and
 * namespace. Any other field is refused, so a manifest that starts using one fails loudly here
 * instead of rendering differently from kustomize. The golden files under
 * src/test/resources/kustomize (written by kubectl kustomize) prove the two agree. Stateless.
 */
final class KustomizeRenderer {
  private static final Set<String> SUPPORTED =
      Set.of("apiVersion", "kind", "resources", "patches", "images", "namespace");
  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
      "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass",
      "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

  private KustomizeRenderer() {}

  static List<KubeObject> render(Path dir) {
    Path file = dir.resolve("kustomization.yaml");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(dir + " has no kustomization.yaml");
    }
    List<Map<String, Object>> docs = YamlDocs.load(file);
    if (docs.size() != 1) {
      throw new IllegalArgumentException(file + " must hold exactly one document");
    }
    Map<String, Object> k = docs.getFirst();
    for (String key : k.keySet()) {
      if (!SUPPORTED.contains(key)) {
        throw new IllegalArgumentException(file + " uses '" + key
            + "', which KustomizeRenderer does not implement (supported: " + SUPPORTED + ")");
      }
    }
    List<KubeObject> objects = new ArrayList<>();
    for (Object r : YamlDocs.listAt(k, "resources")) {
      Path p = dir.resolve(String.valueOf(r)).normalize();
      if (Files.isDirectory(p)) {
        objects.addAll(render(p));
      } else {
        YamlDocs.load(p).forEach(d -> objects.add(new KubeObject(d)));
      }
    }
    for (Object p : YamlDocs.listAt(k, "patches")) {
      applyPatchEntry(dir, YamlDocs.map(p), objects);
    }
    for (Object i : YamlDocs.listAt(k, "images")) {
      applyImage(YamlDocs.map(i), objects);
    }
    String namespace = YamlDocs.stringAt(k, "namespace");
    if (namespace != null) {
      for (KubeObject o : objects) {
        if (!CLUSTER_SCOPED.contains(o.kind())) {
          YamlDocs.map(o.tree().computeIfAbsent("metadata", x -> new java.util.LinkedHashMap<>()))
              .put("namespace", namespace);
        }
      }
    }
    return objects;
  }

  private static void applyPatchEntry(Path dir, Map<String, Object> entry, List<KubeObject> objects) {
    if (entry.keySet().stream().anyMatch(key -> !key.equals("path"))) {
      throw new IllegalArgumentException("patches entry " + entry
          + ": only 'path' (a strategic-merge file) is implemented, not target or inline patches");
    }
    Path file = dir.resolve(String.valueOf(entry.get("path")));
    for (Map<String, Object> patch : YamlDocs.load(file)) {
      String kind = YamlDocs.stringAt(patch, "kind");
      String name = YamlDocs.stringAt(patch, "metadata.name");
      List<KubeObject> targets = objects.stream()
          .filter(o -> o.kind().equals(kind) && o.name().equals(name)).toList();
      if (targets.size() != 1) {
        throw new IllegalArgumentException(file + ": patch of " + kind + "/" + name + " matches "
            + targets.size() + " objects, expected exactly one");
      }
      StrategicMerge.merge(targets.getFirst().tree(), patch);
    }
  }

  private static void applyImage(Map<String, Object> rule, List<KubeObject> objects) {
    String name = String.valueOf(rule.get("name"));
    for (KubeObject o : objects) {
      for (Map<String, Object> c : o.containers()) {
        Object image = c.get("image");
        if (image == null) {
          continue;
        }
        ImageRef ref = ImageRef.parse(String.valueOf(image));
        if (!ref.name().equals(name)) {
          continue;
        }
        String newName = rule.containsKey("newName") ? String.valueOf(rule.get("newName")) : ref.name();
        String tag = rule.containsKey("newTag") ? String.valueOf(rule.get("newTag")) : ref.tag();
        String digest = rule.containsKey("digest") ? String.valueOf(rule.get("digest")) : ref.digest();
        if (rule.containsKey("digest")) {
          tag = null;
        }
        c.put("image", new ImageRef(newName, tag, digest).toString());
      }
    }
  }

  /** An image reference split into name, tag and digest (either may be null). */
  record ImageRef(String name, String tag, String digest) {
    static ImageRef parse(String image) {
      String digest = null;
      int at = image.indexOf('@');
      if (at >= 0) {
        digest = image.substring(at + 1);
        image = image.substring(0, at);
      }
      String tag = null;
      int colon = image.lastIndexOf(':');
      if (colon > image.lastIndexOf('/')) {
        tag = image.substring(colon + 1);
        image = image.substring(0, colon);
      }
      return new ImageRef(image, tag, digest);
    }

    @Override
    public String toString() {
      return name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
  }
}
