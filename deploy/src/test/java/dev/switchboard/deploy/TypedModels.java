package dev.switchboard.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Binds rendered objects to the typed Kubernetes API models (fabric8 kubernetes-model) and reports
 * what the API would not accept: an unexpected apiVersion for the kind, a value of the wrong type,
 * or a field the API does not have (the models keep those in additionalProperties, so a misspelt
 * "readinesProbe" shows up here). Stateless; the mapper is thread-safe.
 */
final class TypedModels {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The kinds deploy/k8s uses, with the one apiVersion each must have. */
  static final Map<String, Model> MODELS = Map.of(
      "ConfigMap", new Model("v1", io.fabric8.kubernetes.api.model.ConfigMap.class),
      "Secret", new Model("v1", io.fabric8.kubernetes.api.model.Secret.class),
      "Service", new Model("v1", io.fabric8.kubernetes.api.model.Service.class),
      "Deployment", new Model("apps/v1", io.fabric8.kubernetes.api.model.apps.Deployment.class),
      "StatefulSet", new Model("apps/v1", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
      "Job", new Model("batch/v1", io.fabric8.kubernetes.api.model.batch.v1.Job.class),
      "HorizontalPodAutoscaler", new Model("autoscaling/v2",
          io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
      "PodDisruptionBudget", new Model("policy/v1", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
      "NetworkPolicy", new Model("networking.k8s.io/v1",
          io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class));

  record Model(String apiVersion, Class<?> type) {}

  private TypedModels() {}

  static List<String> check(List<KubeObject> objects) {
    List<String> problems = new ArrayList<>();
    for (KubeObject o : objects) {
      Model model = MODELS.get(o.kind());
      if (model == null) {
        problems.add(o.id() + ": kind without a typed model here; add it to TypedModels.MODELS");
        continue;
      }
      String apiVersion = YamlDocs.stringAt(o.tree(), "apiVersion");
      if (!model.apiVersion().equals(apiVersion)) {
        problems.add(o.id() + ": apiVersion " + apiVersion + ", expected " + model.apiVersion());
      }
      Object typed;
      try {
        typed = MAPPER.convertValue(o.tree(), model.type());
      } catch (IllegalArgumentException e) {
        problems.add(o.id() + ": does not bind to " + model.type().getSimpleName() + ": " + e.getMessage());
        continue;
      }
      unknownFields(typed, o.id(), problems);
    }
    return problems;
  }

  private static void unknownFields(Object node, String path, List<String> problems) {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> c) {
      int i = 0;
      for (Object item : c) {
        unknownFields(item, path + "[" + i++ + "]", problems);
      }
      return;
    }
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          problems.add(path + ": fields unknown to the Kubernetes API: " + extra.keySet());
        }
        continue;
      }
      String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
      unknownFields(value, path + "." + field, problems);
    }
  }
}
