package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Renders the kustomize base and every overlay of deploy/k8s, proves the render equal to what
 * `kubectl kustomize` produced (the golden files), and runs every ManifestRules check on it.
 */
class RenderedManifestsTest {
  static final List<String> OVERLAYS = List.of("dev", "production");

  static List<KubeObject> render(String name) {
    return KustomizeRenderer.render(name.equals("base") ? Repo.k8s().resolve("base")
        : Repo.k8s().resolve("overlays/" + name));
  }

  static Map<String, Object> byId(Stream<KubeObject> objects) {
    Map<String, Object> map = new TreeMap<>();
    objects.forEach(o -> {
      Object previous = map.put(o.id(), o.tree());
      assertThat(previous).as("two objects named " + o.id()).isNull();
    });
    return map;
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "dev", "production"})
  void rendersWhatKubectlKustomizeRendered(String name) {
    Map<String, Object> ours = byId(render(name).stream());
    Map<String, Object> kustomize = byId(YamlDocs.load(Repo.golden(name)).stream().map(KubeObject::new));
    assertThat(ours)
        .as("""
            The render of %1$s differs from src/test/resources/kustomize/%1$s.yaml. After changing deploy/k8s,
            regenerate the golden files with deploy/k8s/render-golden.sh (kubectl kustomize, kustomize v5) and
            review the diff; the renderer implements only resources, namespace, images and patches (files).""".formatted(name))
        .isEqualTo(kustomize);
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "dev", "production"})
  void everyRuleHolds(String name) {
    List<String> violations = new ManifestRules(ServiceConfig.all(Repo.root())).check(render(name));
    assertThat(violations).as(name).isEmpty();
  }

  @Test
  void devRunsOneOfEachWithItsOwnBrokerAndReplicaSet() {
    List<KubeObject> dev = render("dev");
    for (KubeObject d : ManifestRules.ofKind(dev, "Deployment")) {
      assertThat(YamlDocs.at(d.tree(), "spec.replicas")).as(d.id()).isEqualTo(1);
      assertThat(d.namespace()).isEqualTo("switchboard-dev");
    }
    assertThat(ManifestRules.find(dev, "StatefulSet", "rabbitmq")).isNotNull();
    assertThat(ManifestRules.find(dev, "StatefulSet", "mongodb")).isNotNull();
    KubeObject secret = ManifestRules.find(dev, "Secret", ManifestRules.SECRET);
    assertThat(YamlDocs.stringAt(secret.tree(), "stringData.SWITCHBOARD_MONGODB_URI")).contains("replicaSet=rs0");
    assertThat(YamlDocs.listAt(ManifestRules.find(dev, "StatefulSet", "mongodb").tree(),
        "spec.template.spec.containers").toString()).contains("--replSet, rs0");
  }

  @Test
  void productionRunsMoreReplicasWithLargerLimitsOnMediaNodes() {
    List<KubeObject> dev = render("dev");
    List<KubeObject> prod = render("production");
    for (KubeObject d : ManifestRules.ofKind(prod, "Deployment")) {
      assertThat((Integer) YamlDocs.at(d.tree(), "spec.replicas")).as(d.id()).isGreaterThanOrEqualTo(3);
      assertThat(d.namespace()).isEqualTo("switchboard");
      KubeObject inDev = ManifestRules.find(dev, "Deployment", d.name());
      double prodMemory = Quantity.bytes(YamlDocs.stringAt(d.containers().getFirst(), "resources.limits.memory"));
      double devMemory = Quantity.bytes(YamlDocs.stringAt(inDev.containers().getFirst(), "resources.limits.memory"));
      assertThat(prodMemory).as(d.id() + " memory limit").isGreaterThan(devMemory);
      assertThat(String.valueOf(d.containers().getFirst().get("image"))).startsWith("registry.example.com/switchboard/");
    }
    for (KubeObject h : ManifestRules.ofKind(prod, "HorizontalPodAutoscaler")) {
      assertThat((Integer) YamlDocs.at(h.tree(), "spec.minReplicas")).as(h.id()).isGreaterThanOrEqualTo(3);
    }
    KubeObject media = ManifestRules.find(prod, "Deployment", "switchboard-medianode");
    assertThat(YamlDocs.mapAt(media.podSpec(), "nodeSelector")).containsEntry("switchboard.dev/media", "true");
    assertThat(ManifestRules.find(prod, "Secret", ManifestRules.SECRET))
        .as("production never carries the Secret").isNull();
  }
}
