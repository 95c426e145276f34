package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every rule of ManifestRules can fail: each case breaks the rendered dev overlay one way. */
class ManifestRulesTest {
  private static final ManifestRules RULES = new ManifestRules(ServiceConfig.all(Repo.root()));

  private static List<KubeObject> dev() {
    return RenderedManifestsTest.render("dev");
  }

  private static KubeObject get(List<KubeObject> objects, String kind, String name) {
    return ManifestRules.find(objects, kind, name);
  }

  private static Map<String, Object> container(List<KubeObject> objects, String deployment) {
    return get(objects, "Deployment", deployment).containers().getFirst();
  }

  private static Consumer<List<KubeObject>> onContainer(String deployment, Consumer<Map<String, Object>> change) {
    return objects -> change.accept(container(objects, deployment));
  }

  private static Map<String, Object> envEntry(Map<String, Object> c, String name) {
    return YamlDocs.listAt(c, "env").stream().map(YamlDocs::map)
        .filter(e -> name.equals(e.get("name"))).findFirst().orElseThrow();
  }

  static Stream<Arguments> breakages() {
    return Stream.of(
        Arguments.of("api without readiness probe",
            onContainer("switchboard-api", c -> c.remove("readinessProbe")), "no readinessProbe"),
        Arguments.of("rabbitmq without liveness probe", (Consumer<List<KubeObject>>) o ->
            get(o, "StatefulSet", "rabbitmq").containers().getFirst().remove("livenessProbe"), "no livenessProbe"),
        Arguments.of("wrapper without startup probe",
            onContainer("switchboard-wrapper", c -> c.remove("startupProbe")), "no startupProbe"),
        Arguments.of("medianode readiness on the liveness path", onContainer("switchboard-medianode",
            c -> YamlDocs.map(YamlDocs.at(c, "readinessProbe.httpGet")).put("path", "/health")), "expected /ready"),
        Arguments.of("api probe on an undeclared port", onContainer("switchboard-api",
            c -> YamlDocs.map(YamlDocs.at(c, "livenessProbe.httpGet")).put("port", "admin")), "not a declared container port"),
        Arguments.of("api without memory limit", onContainer("switchboard-api",
            c -> YamlDocs.mapAt(c, "resources.limits").remove("memory")), "no resources.limits.memory"),
        Arguments.of("job without requests", (Consumer<List<KubeObject>>) o ->
            get(o, "Job", "mongodb-rs-init").containers().getFirst().remove("resources"), "no resources.requests.cpu"),
        Arguments.of("memory limit below request", onContainer("switchboard-wrapper",
            c -> YamlDocs.mapAt(c, "resources.limits").put("memory", "128Mi")), "below its request"),
        Arguments.of("wrapper as root", (Consumer<List<KubeObject>>) o ->
            YamlDocs.map(get(o, "Deployment", "switchboard-wrapper").podSpec().get("securityContext")).put("runAsUser", 0),
            "runAsUser must be a non-zero uid"),
        Arguments.of("runAsNonRoot off", onContainer("switchboard-api",
            c -> YamlDocs.mapAt(c, "securityContext").put("runAsNonRoot", false)), "runAsNonRoot is not true"),
        Arguments.of("privilege escalation", onContainer("switchboard-medianode",
            c -> YamlDocs.mapAt(c, "securityContext").remove("allowPrivilegeEscalation")), "allowPrivilegeEscalation"),
        Arguments.of("capabilities kept", onContainer("switchboard-api",
            c -> YamlDocs.mapAt(c, "securityContext").remove("capabilities")), "capabilities.drop lacks ALL"),
        Arguments.of("writable root filesystem", onContainer("switchboard-api",
            c -> YamlDocs.mapAt(c, "securityContext").put("readOnlyRootFilesystem", false)), "readOnlyRootFilesystem"),
        Arguments.of("no /tmp volume", onContainer("switchboard-wrapper",
            c -> c.remove("volumeMounts")), "/tmp is not an emptyDir"),
        Arguments.of("unknown env name", onContainer("switchboard-api",
            c -> YamlDocs.listAt(c, "env").add(Map.of("name", "SWITCHBOARD_API_TYPO", "value", "x"))),
            "SWITCHBOARD_API_TYPO is read by no setting of api"),
        Arguments.of("missing required env", onContainer("switchboard-api",
            c -> YamlDocs.listAt(c, "env").remove(envEntry(c, "SWITCHBOARD_MONGODB_URI"))),
            "SWITCHBOARD_MONGODB_URI is missing"),
        Arguments.of("secret as a literal", onContainer("switchboard-api",
            c -> envEntry(c, "SWITCHBOARD_API_TOKEN_SECRET").put("value", "x")), "is a literal"),
        Arguments.of("missing ConfigMap", (Consumer<List<KubeObject>>) o ->
            o.remove(get(o, "ConfigMap", "switchboard-wrapper-config")), "is not in the rendered manifests"),
        Arguments.of("configured port differs", (Consumer<List<KubeObject>>) o ->
            YamlDocs.mapAt(get(o, "ConfigMap", "switchboard-api-config").tree(), "data").put("SWITCHBOARD_API_PORT", "9090"),
            "configured port 9090"),
        Arguments.of("wrong container port", onContainer("switchboard-wrapper",
            c -> YamlDocs.map(YamlDocs.listAt(c, "ports").getFirst()).put("containerPort", 9999)), "no TCP containerPort 8081"),
        Arguments.of("no UDP media port", onContainer("switchboard-medianode",
            c -> YamlDocs.listAt(c, "ports").remove(1)), "no UDP containerPort"),
        Arguments.of("deployment without PDB", (Consumer<List<KubeObject>>) o ->
            o.remove(get(o, "PodDisruptionBudget", "switchboard-api")), "no PodDisruptionBudget"),
        Arguments.of("deployment without HPA", (Consumer<List<KubeObject>>) o ->
            o.remove(get(o, "HorizontalPodAutoscaler", "switchboard-wrapper")), "no HorizontalPodAutoscaler"),
        Arguments.of("HPA max below min", (Consumer<List<KubeObject>>) o ->
            YamlDocs.mapAt(get(o, "HorizontalPodAutoscaler", "switchboard-api").tree(), "spec").put("maxReplicas", 0),
            "minReplicas <= maxReplicas"),
        Arguments.of("grace period shorter than the drain", (Consumer<List<KubeObject>>) o ->
            get(o, "Deployment", "switchboard-medianode").podSpec().put("terminationGracePeriodSeconds", 30),
            "not longer than MEDIANODE_DRAIN_TIMEOUT_SECONDS"),
        Arguments.of("grace period shorter than Spring's shutdown", (Consumer<List<KubeObject>>) o ->
            get(o, "Deployment", "switchboard-api").podSpec().put("terminationGracePeriodSeconds", 35),
            "timeout-per-shutdown-phase"),
        Arguments.of("no preStop sleep", onContainer("switchboard-wrapper", c -> c.remove("lifecycle")), "no preStop sleep"),
        Arguments.of("medianode off the host network", (Consumer<List<KubeObject>>) o ->
            get(o, "Deployment", "switchboard-medianode").podSpec().remove("hostNetwork"), "need hostNetwork"),
        Arguments.of("announced IP not the node's", onContainer("switchboard-medianode",
            c -> YamlDocs.map(YamlDocs.at(envEntry(c, "MEDIANODE_ANNOUNCED_IP"), "valueFrom.fieldRef")).put("fieldPath", "status.podIP")),
            "status.hostIP"),
        Arguments.of("medianode Service not headless", (Consumer<List<KubeObject>>) o ->
            YamlDocs.mapAt(get(o, "Service", "medianode").tree(), "spec").remove("clusterIP"), "headless"),
        Arguments.of("draining nodes stay in DNS", (Consumer<List<KubeObject>>) o ->
            YamlDocs.mapAt(get(o, "Service", "medianode").tree(), "spec").put("publishNotReadyAddresses", true),
            "publishNotReadyAddresses"),
        Arguments.of("Service selecting nothing", (Consumer<List<KubeObject>>) o ->
            YamlDocs.mapAt(get(o, "Service", "switchboard-api").tree(), "spec.selector").put("app.kubernetes.io/name", "nope"),
            "selects no pods"),
        Arguments.of("no NetworkPolicy", (Consumer<List<KubeObject>>) o ->
            o.remove(get(o, "NetworkPolicy", "switchboard-medianode")), "no NetworkPolicy guards"),
        Arguments.of("control port open to all", (Consumer<List<KubeObject>>) o ->
            YamlDocs.map(YamlDocs.listAt(get(o, "NetworkPolicy", "switchboard-medianode").tree(), "spec.ingress").getFirst())
                .remove("from"), "opens 8888 to more than the wrapper pods"),
        Arguments.of("control port open to an address block", (Consumer<List<KubeObject>>) o ->
            YamlDocs.listAt(YamlDocs.listAt(get(o, "NetworkPolicy", "switchboard-medianode").tree(), "spec.ingress").getFirst(),
                "from").add(Map.of("ipBlock", Map.of("cidr", "0.0.0.0/0"))), "opens 8888 to more than the wrapper pods"),
        Arguments.of("control port open to other pods", (Consumer<List<KubeObject>>) o ->
            YamlDocs.listAt(YamlDocs.listAt(get(o, "NetworkPolicy", "switchboard-medianode").tree(), "spec.ingress").getFirst(),
                "from").add(Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "switchboard-api")))),
            "opens 8888 to more than the wrapper pods"),
        Arguments.of("wrappers not allowed in", (Consumer<List<KubeObject>>) o ->
            YamlDocs.map(YamlDocs.listAt(YamlDocs.listAt(get(o, "NetworkPolicy", "switchboard-medianode").tree(), "spec.ingress")
                .getFirst(), "from").getFirst()).put("namespaceSelector", Map.of("matchLabels", Map.of("team", "monitoring"))),
            "no NetworkPolicy rule lets the wrappers reach 8888"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakages")
  void flags(String what, Consumer<List<KubeObject>> breakage, String expected) {
    List<KubeObject> objects = new java.util.ArrayList<>(dev());
    assertThat(RULES.check(objects)).as("before: " + what).isEmpty();
    breakage.accept(objects);
    assertThat(RULES.check(objects)).as(what).anyMatch(v -> v.contains(expected));
  }

  @Test
  void applicationYamlWithoutGracefulShutdownIsFlagged() {
    ServiceConfig api = ServiceConfig.spring(Repo.root(), "api");
    Map<String, Object> yaml = YamlDocs.map(YamlDocs.deepCopy(api.yaml()));
    YamlDocs.mapAt(yaml, "server").remove("shutdown");
    ServiceConfig broken = new ServiceConfig("api", api.envNames(), yaml, api.defaults());
    ManifestRules rules = new ManifestRules(List.of(broken, ServiceConfig.spring(Repo.root(), "wrapper"),
        ServiceConfig.medianode()));
    assertThat(rules.check(dev())).anyMatch(v -> v.contains("lacks server.shutdown: graceful"));
  }

  @Test
  void serviceConfigurationsNameTheVariablesOfTheirSources() {
    ServiceConfig api = ServiceConfig.spring(Repo.root(), "api");
    assertThat(api.envNames()).contains("SWITCHBOARD_AMQP_URI", "SWITCHBOARD_API_TOKEN_SECRET", "SWITCHBOARD_API_PORT");
    assertThat(api.shutdownPhaseTimeout()).hasSeconds(35);
    assertThat(ServiceConfig.spring(Repo.root(), "wrapper").envNames()).contains("SWITCHBOARD_MEDIA_SERVER_SECRET")
        .doesNotContain("SWITCHBOARD_API_TOKEN_SECRET");
    assertThat(ServiceConfig.medianode().envNames()).contains("MEDIANODE_SECRET", "MEDIANODE_UDP_PORT");
  }
}
