package dev.switchboard.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rules every rendered deploy/k8s overlay must follow, each one returning a readable violation
 * per broken object: probes, resources, non-root security contexts, ports, environment names known
 * to the service, disruption budgets and autoscalers, shutdown timing, and the medianode's network
 * setup. Stateless apart from the service configurations it was given.
 */
final class ManifestRules {
  static final String SECRET = "switchboard-secrets";
  static final int SERVICE_UID = 10001;

  /** What the checks expect of each of our containers. */
  record Expected(String container, String service, int port, String readinessPath, String livenessPath,
      Set<String> requiredEnv) {}

  static final List<Expected> EXPECTED = List.of(
      new Expected("api", "api", 8080, "/actuator/health/readiness", "/actuator/health/liveness",
          Set.of("SWITCHBOARD_AMQP_URI", "SWITCHBOARD_MONGODB_URI", "SWITCHBOARD_API_TOKEN_SECRET",
              "SWITCHBOARD_API_APPLICATION_KEY")),
      new Expected("wrapper", "wrapper", 8081, "/actuator/health/readiness", "/actuator/health/liveness",
          Set.of("SWITCHBOARD_AMQP_URI", "SWITCHBOARD_MONGODB_URI", "SWITCHBOARD_MEDIA_SERVER_SECRET",
              "SWITCHBOARD_MEDIA_SERVER_DNS")),
      new Expected("medianode", "medianode", 8888, "/ready", "/health",
          Set.of("MEDIANODE_HOST", "MEDIANODE_ANNOUNCED_IP", "MEDIANODE_SECRET", "MEDIANODE_PORT",
              "MEDIANODE_UDP_PORT", "MEDIANODE_DRAIN_TIMEOUT_SECONDS")));

  private final Map<String, ServiceConfig> configs;

  ManifestRules(List<ServiceConfig> configs) {
    this.configs = new java.util.HashMap<>();
    configs.forEach(c -> this.configs.put(c.service(), c));
  }

  List<String> check(List<KubeObject> objects) {
    List<String> v = new ArrayList<>();
    for (KubeObject o : objects) {
      if (!o.isWorkload()) {
        continue;
      }
      for (Map<String, Object> c : o.containers()) {
        String where = o.id() + " container " + c.get("name");
        probes(o, c, where, v);
        resources(c, where, v);
        security(o, c, where, v);
        envSources(objects, c, where, v);
        Expected e = expected(c);
        if (e != null) {
          ours(objects, o, c, e, where, v);
        }
      }
    }
    for (KubeObject d : ofKind(objects, "Deployment")) {
      budgetAndScaler(objects, d, v);
    }
    services(objects, v);
    medianodeNetwork(objects, v);
    return v;
  }

  static Expected expected(Map<String, Object> container) {
    String image = String.valueOf(container.get("image"));
    String repo = KustomizeRenderer.ImageRef.parse(image).name();
    return EXPECTED.stream().filter(e -> repo.endsWith("switchboard/" + e.container())).findFirst().orElse(null);
  }

  private static void probes(KubeObject o, Map<String, Object> c, String where, List<String> v) {
    if (o.kind().equals("Job") || o.kind().equals("CronJob")) {
      return;
    }
    for (String probe : List.of("readinessProbe", "livenessProbe")) {
      if (!(c.get(probe) instanceof Map<?, ?>)) {
        v.add(where + ": no " + probe);
      }
    }
  }

  private static void resources(Map<String, Object> c, String where, List<String> v) {
    for (String part : List.of("requests", "limits")) {
      for (String r : List.of("cpu", "memory")) {
        if (YamlDocs.at(c, "resources." + part + "." + r) == null) {
          v.add(where + ": no resources." + part + "." + r);
        }
      }
    }
    Object req = YamlDocs.at(c, "resources.requests.memory");
    Object lim = YamlDocs.at(c, "resources.limits.memory");
    if (req != null && lim != null && Quantity.bytes(String.valueOf(lim)) < Quantity.bytes(String.valueOf(req))) {
      v.add(where + ": memory limit " + lim + " below its request " + req);
    }
  }

  private static void security(KubeObject o, Map<String, Object> c, String where, List<String> v) {
    Map<String, Object> pod = YamlDocs.mapAt(o.podSpec(), "securityContext");
    Map<String, Object> sc = YamlDocs.mapAt(c, "securityContext");
    Object nonRoot = sc.containsKey("runAsNonRoot") ? sc.get("runAsNonRoot") : pod.get("runAsNonRoot");
    if (!Boolean.TRUE.equals(nonRoot)) {
      v.add(where + ": runAsNonRoot is not true");
    }
    Object uid = sc.containsKey("runAsUser") ? sc.get("runAsUser") : pod.get("runAsUser");
    if (!(uid instanceof Integer u) || u == 0) {
      v.add(where + ": runAsUser must be a non-zero uid, is " + uid);
    }
    if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
      v.add(where + ": allowPrivilegeEscalation is not false");
    }
    if (!YamlDocs.listAt(sc, "capabilities.drop").contains("ALL")) {
      v.add(where + ": capabilities.drop lacks ALL");
    }
    if (Boolean.TRUE.equals(sc.get("privileged"))) {
      v.add(where + ": privileged");
    }
    if (!YamlDocs.listAt(sc, "capabilities.add").isEmpty()) {
      v.add(where + ": adds capabilities " + YamlDocs.listAt(sc, "capabilities.add"));
    }
  }

  /** Every ConfigMap and Secret a container reads exists (a Secret may come from outside: only ours). */
  private static void envSources(List<KubeObject> objects, Map<String, Object> c, String where, List<String> v) {
    for (Object f : YamlDocs.listAt(c, "envFrom")) {
      String cm = YamlDocs.stringAt(f, "configMapRef.name");
      if (cm != null && find(objects, "ConfigMap", cm) == null) {
        v.add(where + ": envFrom ConfigMap " + cm + " is not in the rendered manifests");
      }
      if (YamlDocs.at(f, "secretRef") != null) {
        v.add(where + ": envFrom secretRef hands every secret to the container; name each with secretKeyRef");
      }
    }
    for (Object e : YamlDocs.listAt(c, "env")) {
      String name = YamlDocs.stringAt(e, "name");
      String secret = YamlDocs.stringAt(e, "valueFrom.secretKeyRef.name");
      String cm = YamlDocs.stringAt(e, "valueFrom.configMapKeyRef.name");
      if (cm != null && find(objects, "ConfigMap", cm) == null) {
        v.add(where + ": env " + name + " reads missing ConfigMap " + cm);
      }
      if (secret != null && !secret.equals(SECRET) && find(objects, "Secret", secret) == null) {
        v.add(where + ": env " + name + " reads unknown Secret " + secret);
      }
      Object literal = YamlDocs.at(e, "value");
      if (literal != null && name.matches(".*(SECRET|PASS|PASSWORD|_KEY|_URI)$")) {
        v.add(where + ": env " + name + " is a literal; secrets come from the Secret " + SECRET);
      }
    }
  }

  private void ours(List<KubeObject> objects, KubeObject o, Map<String, Object> c, Expected e, String where,
      List<String> v) {
    Map<String, Object> env = envOf(objects, c);
    ServiceConfig config = configs.get(e.service());
    for (String name : env.keySet()) {
      if (config != null && !config.envNames().contains(name)) {
        v.add(where + ": env " + name + " is read by no setting of " + e.service()
            + " (its application.yaml, defaults file or ConfigLoader)");
      }
    }
    for (String name : e.requiredEnv()) {
      if (!env.containsKey(name)) {
        v.add(where + ": env " + name + " is missing");
      }
    }
    // Ports: the service's own port is declared, named, and what its config says.
    List<Object> ports = YamlDocs.listAt(c, "ports");
    boolean hasPort = ports.stream().anyMatch(p -> Objects.equals(YamlDocs.at(p, "containerPort"), e.port())
        && "TCP".equals(Objects.requireNonNullElse(YamlDocs.stringAt(p, "protocol"), "TCP")));
    if (!hasPort) {
      v.add(where + ": no TCP containerPort " + e.port());
    }
    String configuredPort = switch (e.service()) {
      case "api" -> String.valueOf(env.get("SWITCHBOARD_API_PORT"));
      case "wrapper" -> String.valueOf(env.get("SWITCHBOARD_WRAPPER_PORT"));
      default -> String.valueOf(env.get("MEDIANODE_PORT"));
    };
    if (!configuredPort.equals(String.valueOf(e.port()))) {
      v.add(where + ": configured port " + configuredPort + " differs from containerPort " + e.port());
    }
    // Probes: the right paths on a declared port, and a startup probe for slow starts.
    probePath(c, "readinessProbe", e.readinessPath(), where, v);
    probePath(c, "livenessProbe", e.livenessPath(), where, v);
    if (!(c.get("startupProbe") instanceof Map<?, ?>)) {
      v.add(where + ": no startupProbe");
    }
    for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
      Object port = YamlDocs.at(c, probe + ".httpGet.port");
      if (port != null && ports.stream().noneMatch(p -> Objects.equals(YamlDocs.at(p, "name"), port)
          || Objects.equals(YamlDocs.at(p, "containerPort"), port))) {
        v.add(where + ": " + probe + " port " + port + " is not a declared container port");
      }
    }
    // Hardening beyond the general rules.
    Map<String, Object> sc = YamlDocs.mapAt(c, "securityContext");
    if (!Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem"))) {
      v.add(where + ": readOnlyRootFilesystem is not true");
    }
    Object uid = sc.containsKey("runAsUser") ? sc.get("runAsUser") : YamlDocs.at(o.podSpec(), "securityContext.runAsUser");
    if (!Objects.equals(uid, SERVICE_UID)) {
      v.add(where + ": runs as uid " + uid + ", the image's user is " + SERVICE_UID);
    }
    if (!tmpIsEmptyDir(o, c)) {
      v.add(where + ": /tmp is not an emptyDir mount (the root filesystem is read-only)");
    }
    shutdown(o, c, e, env, where, v);
    if (e.service().equals("medianode")) {
      medianodePod(o, c, env, where, v);
    }
  }

  private static void probePath(Map<String, Object> c, String probe, String path, String where, List<String> v) {
    String actual = YamlDocs.stringAt(c, probe + ".httpGet.path");
    if (!path.equals(actual)) {
      v.add(where + ": " + probe + " path is " + actual + ", expected " + path);
    }
  }

  private static boolean tmpIsEmptyDir(KubeObject o, Map<String, Object> c) {
    for (Object m : YamlDocs.listAt(c, "volumeMounts")) {
      if ("/tmp".equals(YamlDocs.stringAt(m, "mountPath"))) {
        String volume = YamlDocs.stringAt(m, "name");
        return YamlDocs.listAt(o.podSpec(), "volumes").stream()
            .anyMatch(vol -> volume.equals(YamlDocs.stringAt(vol, "name")) && YamlDocs.at(vol, "emptyDir") != null);
      }
    }
    return false;
  }

  /** The grace period covers the preStop sleep plus Spring's shutdown phase, or the medianode's drain. */
  private void shutdown(KubeObject o, Map<String, Object> c, Expected e, Map<String, Object> env, String where,
      List<String> v) {
    Object grace = o.podSpec().get("terminationGracePeriodSeconds");
    if (!(grace instanceof Integer g)) {
      v.add(where + ": no terminationGracePeriodSeconds");
      return;
    }
    if (e.service().equals("medianode")) {
      Object drain = env.get("MEDIANODE_DRAIN_TIMEOUT_SECONDS");
      int drainSeconds = drain == null ? 30 : Integer.parseInt(String.valueOf(drain));
      if (g <= drainSeconds) {
        v.add(where + ": terminationGracePeriodSeconds " + g + " is not longer than MEDIANODE_DRAIN_TIMEOUT_SECONDS "
            + drainSeconds);
      }
      return;
    }
    Object sleep = YamlDocs.at(c, "lifecycle.preStop.sleep.seconds");
    if (!(sleep instanceof Integer s) || s <= 0) {
      v.add(where + ": no preStop sleep (endpoints must be removed before shutdown starts)");
      return;
    }
    ServiceConfig config = configs.get(e.service());
    if (config == null) {
      return;
    }
    if (!"graceful".equals(config.springValue("server.shutdown"))) {
      v.add(where + ": " + e.service() + "'s application.yaml lacks server.shutdown: graceful");
    }
    if (!"true".equals(config.springValue("management.endpoint.health.probes.enabled"))) {
      v.add(where + ": " + e.service() + " does not enable management.endpoint.health.probes.enabled");
    }
    Duration needed = config.shutdownPhaseTimeout().plusSeconds(s);
    if (Duration.ofSeconds(g).compareTo(needed) <= 0) {
      v.add(where + ": terminationGracePeriodSeconds " + g + " is not longer than preStop " + s
          + " s + spring.lifecycle.timeout-per-shutdown-phase " + config.shutdownPhaseTimeout());
    }
  }

  private static void medianodePod(KubeObject o, Map<String, Object> c, Map<String, Object> env, String where,
      List<String> v) {
    Map<String, Object> pod = o.podSpec();
    if (!Boolean.TRUE.equals(pod.get("hostNetwork"))) {
      v.add(where + ": medianode pods need hostNetwork (UDP reachable at the node's address)");
    }
    if (!"ClusterFirstWithHostNet".equals(pod.get("dnsPolicy"))) {
      v.add(where + ": hostNetwork pods need dnsPolicy ClusterFirstWithHostNet");
    }
    if (!"status.hostIP".equals(fieldRef(c, "MEDIANODE_ANNOUNCED_IP"))) {
      v.add(where + ": MEDIANODE_ANNOUNCED_IP must come from status.hostIP");
    }
    if (!SECRET.equals(secretRef(c, "MEDIANODE_SECRET"))) {
      v.add(where + ": MEDIANODE_SECRET must come from the Secret " + SECRET);
    }
    String udp = String.valueOf(env.get("MEDIANODE_UDP_PORT"));
    boolean udpDeclared = YamlDocs.listAt(c, "ports").stream().anyMatch(p ->
        String.valueOf(YamlDocs.at(p, "containerPort")).equals(udp) && "UDP".equals(YamlDocs.stringAt(p, "protocol")));
    if (!udpDeclared) {
      v.add(where + ": no UDP containerPort for MEDIANODE_UDP_PORT " + udp);
    }
  }

  private static String fieldRef(Map<String, Object> c, String name) {
    return YamlDocs.listAt(c, "env").stream().filter(e -> name.equals(YamlDocs.stringAt(e, "name")))
        .map(e -> YamlDocs.stringAt(e, "valueFrom.fieldRef.fieldPath")).findFirst().orElse(null);
  }

  private static String secretRef(Map<String, Object> c, String name) {
    return YamlDocs.listAt(c, "env").stream().filter(e -> name.equals(YamlDocs.stringAt(e, "name")))
        .map(e -> YamlDocs.stringAt(e, "valueFrom.secretKeyRef.name")).findFirst().orElse(null);
  }

  /** The container's environment: envFrom ConfigMaps' data, then env (the value, or its source). */
  static Map<String, Object> envOf(List<KubeObject> objects, Map<String, Object> c) {
    Map<String, Object> env = new java.util.LinkedHashMap<>();
    for (Object f : YamlDocs.listAt(c, "envFrom")) {
      KubeObject cm = find(objects, "ConfigMap", YamlDocs.stringAt(f, "configMapRef.name"));
      if (cm != null) {
        env.putAll(YamlDocs.mapAt(cm.tree(), "data"));
      }
    }
    for (Object e : YamlDocs.listAt(c, "env")) {
      Object value = YamlDocs.at(e, "value");
      env.put(YamlDocs.stringAt(e, "name"), value != null ? value : YamlDocs.at(e, "valueFrom"));
    }
    return env;
  }

  private static void budgetAndScaler(List<KubeObject> objects, KubeObject d, List<String> v) {
    Map<String, Object> labels = d.podLabels();
    boolean budget = ofKind(objects, "PodDisruptionBudget").stream()
        .anyMatch(p -> selects(YamlDocs.mapAt(p.tree(), "spec.selector.matchLabels"), labels)
            && Objects.equals(p.namespace(), d.namespace()));
    if (!budget) {
      v.add(d.id() + ": no PodDisruptionBudget selects its pods");
    }
    KubeObject hpa = ofKind(objects, "HorizontalPodAutoscaler").stream()
        .filter(h -> "Deployment".equals(YamlDocs.stringAt(h.tree(), "spec.scaleTargetRef.kind"))
            && d.name().equals(YamlDocs.stringAt(h.tree(), "spec.scaleTargetRef.name")))
        .findFirst().orElse(null);
    if (hpa == null) {
      v.add(d.id() + ": no HorizontalPodAutoscaler targets it");
      return;
    }
    if (!"autoscaling/v2".equals(YamlDocs.stringAt(hpa.tree(), "apiVersion"))) {
      v.add(hpa.id() + ": not autoscaling/v2");
    }
    Object min = YamlDocs.at(hpa.tree(), "spec.minReplicas");
    Object max = YamlDocs.at(hpa.tree(), "spec.maxReplicas");
    if (!(min instanceof Integer mn) || !(max instanceof Integer mx) || mn < 1 || mx < mn) {
      v.add(hpa.id() + ": needs 1 <= minReplicas <= maxReplicas, has " + min + ".." + max);
    }
    boolean cpu = YamlDocs.listAt(hpa.tree(), "spec.metrics").stream()
        .anyMatch(m -> "Resource".equals(YamlDocs.stringAt(m, "type")) && "cpu".equals(YamlDocs.stringAt(m, "resource.name")));
    if (!cpu) {
      v.add(hpa.id() + ": no CPU resource metric");
    }
    // CPU utilisation is a share of the request: without one the autoscaler cannot work.
    for (Map<String, Object> c : d.containers()) {
      if (YamlDocs.at(c, "resources.requests.cpu") == null) {
        v.add(hpa.id() + ": container " + c.get("name") + " of its target has no CPU request");
      }
    }
  }

  /** Services select existing pods and target declared ports; the medianode one is headless. */
  private static void services(List<KubeObject> objects, List<String> v) {
    for (KubeObject s : ofKind(objects, "Service")) {
      Map<String, Object> selector = YamlDocs.mapAt(s.tree(), "spec.selector");
      List<KubeObject> targets = objects.stream()
          .filter(o -> o.isWorkload() && selects(selector, o.podLabels())).toList();
      if (targets.isEmpty()) {
        v.add(s.id() + ": selects no pods");
        continue;
      }
      for (Object p : YamlDocs.listAt(s.tree(), "spec.ports")) {
        Object target = Objects.requireNonNullElse(YamlDocs.at(p, "targetPort"), YamlDocs.at(p, "port"));
        boolean declared = targets.stream().flatMap(t -> t.containers().stream())
            .flatMap(c -> YamlDocs.listAt(c, "ports").stream())
            .anyMatch(cp -> Objects.equals(YamlDocs.at(cp, "name"), target)
                || Objects.equals(YamlDocs.at(cp, "containerPort"), target));
        if (!declared) {
          v.add(s.id() + ": targetPort " + target + " is no container port of its pods");
        }
      }
    }
  }

  private static void medianodeNetwork(List<KubeObject> objects, List<String> v) {
    KubeObject medianodes = objects.stream().filter(o -> o.isWorkload()
        && o.containers().stream().anyMatch(c -> expected(c) != null && expected(c).service().equals("medianode")))
        .findFirst().orElse(null);
    if (medianodes == null) {
      return;
    }
    KubeObject svc = find(objects, "Service", "medianode");
    if (svc == null) {
      v.add("Service/medianode: missing (the wrappers' SWITCHBOARD_MEDIA_SERVER_DNS)");
    } else {
      if (!"None".equals(YamlDocs.stringAt(svc.tree(), "spec.clusterIP"))) {
        v.add(svc.id() + ": must be headless (clusterIP: None)");
      }
      if (!Boolean.FALSE.equals(YamlDocs.at(svc.tree(), "spec.publishNotReadyAddresses"))) {
        v.add(svc.id() + ": publishNotReadyAddresses must be false (a draining node leaves DNS)");
      }
      if (YamlDocs.listAt(svc.tree(), "spec.ports").stream().noneMatch(p -> Objects.equals(YamlDocs.at(p, "port"), 8888))) {
        v.add(svc.id() + ": no port 8888");
      }
      if (!selects(YamlDocs.mapAt(svc.tree(), "spec.selector"), medianodes.podLabels())) {
        v.add(svc.id() + ": does not select the medianode pods");
      }
    }
    List<KubeObject> policies = ofKind(objects, "NetworkPolicy").stream()
        .filter(p -> selects(YamlDocs.mapAt(p.tree(), "spec.podSelector.matchLabels"), medianodes.podLabels())).toList();
    if (policies.isEmpty()) {
      v.add(medianodes.id() + ": no NetworkPolicy guards the medianodes' control port");
    }
    Set<String> wrapperOnly = new HashSet<>();
    for (KubeObject p : policies) {
      for (Object rule : YamlDocs.listAt(p.tree(), "spec.ingress")) {
        boolean opensControl = YamlDocs.listAt(rule, "ports").stream()
            .anyMatch(port -> Objects.equals(YamlDocs.at(port, "port"), 8888));
        if (!opensControl) {
          continue;
        }
        // Wrapper pods, and peers picked by a namespaceSelector (a monitoring namespace scraping
        // /metrics), may open it; no rule may open it to every source or to address blocks.
        List<Object> from = YamlDocs.listAt(rule, "from");
        boolean wrappers = from.stream().anyMatch(f -> YamlDocs.at(f, "namespaceSelector") == null
            && "switchboard-wrapper".equals(YamlDocs.mapAt(f, "podSelector.matchLabels").get("app.kubernetes.io/name")));
        boolean open = from.isEmpty() || from.stream().anyMatch(ManifestRules::opensTooWide);
        if (wrappers) {
          wrapperOnly.add("wrappers");
        }
        if (open) {
          v.add(p.id() + ": opens 8888 to more than the wrapper pods");
        }
      }
    }
    if (!policies.isEmpty() && !wrapperOnly.contains("wrappers")) {
      v.add(medianodes.id() + ": no NetworkPolicy rule lets the wrappers reach 8888");
    }
  }

  /** An ingress peer that is an address block, every namespace, or pods other than the wrappers. */
  private static boolean opensTooWide(Object peer) {
    if (YamlDocs.at(peer, "ipBlock") != null) {
      return true;
    }
    Object namespaces = YamlDocs.at(peer, "namespaceSelector");
    if (namespaces != null) {
      return namespaces instanceof Map<?, ?> m && m.isEmpty();
    }
    return !"switchboard-wrapper".equals(YamlDocs.mapAt(peer, "podSelector.matchLabels").get("app.kubernetes.io/name"));
  }

  static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
    return !selector.isEmpty() && selector.entrySet().stream()
        .allMatch(e -> Objects.equals(String.valueOf(e.getValue()), String.valueOf(labels.get(e.getKey()))));
  }

  static List<KubeObject> ofKind(List<KubeObject> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.kind())).toList();
  }

  static KubeObject find(List<KubeObject> objects, String kind, String name) {
    return objects.stream().filter(o -> kind.equals(o.kind()) && Objects.equals(name, o.name())).findFirst().orElse(null);
  }
}
