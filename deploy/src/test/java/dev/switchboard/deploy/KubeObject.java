package dev.switchboard.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One rendered Kubernetes object (a YAML tree) with accessors for what the checks read: its
 * identity, its pod template and its containers. Immutable view over a mutable tree; not thread-safe.
 */
record KubeObject(Map<String, Object> tree) {
  static final List<String> WORKLOADS = List.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod");

  String kind() {
    return YamlDocs.stringAt(tree, "kind");
  }

  String name() {
    return YamlDocs.stringAt(tree, "metadata.name");
  }

  String namespace() {
    return YamlDocs.stringAt(tree, "metadata.namespace");
  }

  /** kind/name, how the checks name an object. */
  String id() {
    return kind() + "/" + name();
  }

  boolean isWorkload() {
    return WORKLOADS.contains(kind());
  }

  /** The pod spec of a workload (the object's own spec for a Pod), or an empty map. */
  Map<String, Object> podSpec() {
    return switch (kind()) {
      case "Pod" -> YamlDocs.mapAt(tree, "spec");
      case "CronJob" -> YamlDocs.mapAt(tree, "spec.jobTemplate.spec.template.spec");
      default -> YamlDocs.mapAt(tree, "spec.template.spec");
    };
  }

  /** The labels its pods get. */
  Map<String, Object> podLabels() {
    return switch (kind()) {
      case "Pod" -> YamlDocs.mapAt(tree, "metadata.labels");
      case "CronJob" -> YamlDocs.mapAt(tree, "spec.jobTemplate.spec.template.metadata.labels");
      default -> YamlDocs.mapAt(tree, "spec.template.metadata.labels");
    };
  }

  /** Containers then init containers of the pod spec. */
  List<Map<String, Object>> containers() {
    List<Map<String, Object>> all = new ArrayList<>();
    for (String field : List.of("containers", "initContainers")) {
      for (Object c : YamlDocs.listAt(podSpec(), field)) {
        all.add(YamlDocs.map(c));
      }
    }
    return all;
  }
}
