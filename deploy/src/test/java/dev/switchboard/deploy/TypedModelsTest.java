package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypedModelsTest {
  @ParameterizedTest
  @ValueSource(strings = {"base", "dev", "production"})
  void everyRenderedObjectBindsToItsApiModel(String name) {
    assertThat(TypedModels.check(RenderedManifestsTest.render(name))).as(name).isEmpty();
  }

  @Test
  void aMisspeltFieldAWrongTypeAndAnOldApiVersionAreFlagged() {
    List<KubeObject> objects = RenderedManifestsTest.render("dev");
    Map<String, Object> api = ManifestRules.find(objects, "Deployment", "switchboard-api").containers().getFirst();
    api.put("readinesProbe", api.remove("readinessProbe"));
    YamlDocs.map(ManifestRules.find(objects, "Deployment", "switchboard-wrapper").tree().get("spec"))
        .put("replicas", List.of(1));
    ManifestRules.find(objects, "HorizontalPodAutoscaler", "switchboard-api").tree().put("apiVersion", "autoscaling/v1");
    assertThat(TypedModels.check(objects))
        .anyMatch(p -> p.contains("Deployment/switchboard-api") && p.contains("[readinesProbe]"))
        .anyMatch(p -> p.contains("Deployment/switchboard-wrapper: does not bind"))
        .anyMatch(p -> p.contains("apiVersion autoscaling/v1, expected autoscaling/v2"));
  }
}
