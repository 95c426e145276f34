package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizeRendererTest {
  @TempDir
  Path dir;

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 2
        template:
          spec:
            nodeSelector:
              a: b
            containers:
              - name: app
                image: example/app:1.0
                env:
                  - name: A
                    value: "1"
                  - name: B
                    value: "2"
                args: ["x", "y"]
              - name: sidecar
                image: example/sidecar
      """;

  private Path write(String relative, String text) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void patchesMergeContainersAndEnvByNameReplaceOtherListsAndDeleteNulls() throws IOException {
    write("base/kustomization.yaml", "resources:\n  - web.yaml\n");
    write("base/web.yaml", DEPLOYMENT);
    write("over/kustomization.yaml", """
        namespace: prod
        resources:
          - ../base
        images:
          - name: example/app
            newName: registry.test/app
            newTag: "2.0"
          - name: example/sidecar
            newTag: "3"
        patches:
          - path: patch.yaml
        """);
    write("over/patch.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 5
          template:
            spec:
              nodeSelector: null
              containers:
                - name: app
                  env:
                    - name: B
                      value: "20"
                    - name: C
                      value: "3"
                  args: ["z"]
        """);
    List<KubeObject> objects = KustomizeRenderer.render(dir.resolve("over"));
    assertThat(objects).hasSize(1);
    KubeObject web = objects.getFirst();
    assertThat(web.namespace()).isEqualTo("prod");
    assertThat(YamlDocs.at(web.tree(), "spec.replicas")).isEqualTo(5);
    assertThat(web.podSpec()).doesNotContainKey("nodeSelector");
    Map<String, Object> app = web.containers().getFirst();
    assertThat(app.get("image")).isEqualTo("registry.test/app:2.0");
    assertThat(app.get("args")).isEqualTo(List.of("z"));
    assertThat(YamlDocs.listAt(app, "env")).containsExactly(
        Map.of("name", "A", "value", "1"), Map.of("name", "B", "value", "20"), Map.of("name", "C", "value", "3"));
    assertThat(web.containers().get(1).get("image")).isEqualTo("example/sidecar:3");
  }

  @Test
  void refusesKustomizeFeaturesItDoesNotImplement() throws IOException {
    write("k/kustomization.yaml", "resources: []\ncommonLabels:\n  a: b\n");
    assertThatThrownBy(() -> KustomizeRenderer.render(dir.resolve("k")))
        .hasMessageContaining("'commonLabels'");
    write("j/kustomization.yaml", "patches:\n  - target:\n      kind: Deployment\n    patch: x\n");
    assertThatThrownBy(() -> KustomizeRenderer.render(dir.resolve("j")))
        .hasMessageContaining("only 'path'");
  }

  @Test
  void aPatchMustMatchExactlyOneObject() throws IOException {
    write("k/kustomization.yaml", "resources:\n  - web.yaml\npatches:\n  - path: p.yaml\n");
    write("k/web.yaml", DEPLOYMENT);
    write("k/p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: missing\nspec:\n  replicas: 1\n");
    assertThatThrownBy(() -> KustomizeRenderer.render(dir.resolve("k")))
        .hasMessageContaining("Deployment/missing matches 0 objects");
  }

  @Test
  void imageReferencesSplitIntoNameTagAndDigest() {
    assertThat(KustomizeRenderer.ImageRef.parse("registry:5000/a/b:1.2@sha256:ab"))
        .isEqualTo(new KustomizeRenderer.ImageRef("registry:5000/a/b", "1.2", "sha256:ab"));
    assertThat(KustomizeRenderer.ImageRef.parse("registry:5000/a/b"))
        .isEqualTo(new KustomizeRenderer.ImageRef("registry:5000/a/b", null, null));
  }
}
