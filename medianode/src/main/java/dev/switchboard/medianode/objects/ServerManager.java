package dev.switchboard.medianode.objects;

import dev.switchboard.medianode.rpc.Json;
import dev.switchboard.medianode.rpc.KurentoError;
import dev.switchboard.medianode.rpc.KurentoException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kurento's {@code ServerManager} ({@code manager_ServerManager}): server info, the pipelines and
 * sessions of the whole node, the interface descriptors and load figures, which is what a
 * wrapper reads to place a session on the least-loaded node. Confined to the control thread.
 */
public final class ServerManager extends MediaObject {
  /** What each module of ours can create, for {@code ServerInfo.modules[].factories}. */
  private static final Map<String, List<String>> FACTORIES =
      Map.of("core", List.of("MediaPipeline"), "elements", List.of("WebRtcEndpoint"));
  /** kurento-client gives every request 10 s; a longer sampling interval could never be answered. */
  private static final int MAX_CPU_INTERVAL_MS = 9_000;

  private final ProcessLoad load;

  public ServerManager(ObjectContext ctx, ProcessLoad load) {
    super(ObjectIds.SERVER_MANAGER, "ServerManager", null, ctx);
    this.load = load;
    readOnly("info", this::info);
    readOnly("pipelines", () -> ctx.registry().pipelines().stream().map(MediaObject::id).toList());
    readOnly("sessions", () -> ctx.sessionIds().get());
    readOnly("metadata", ctx::metadata);
    operation("getKmd", p -> ctx.kmd().descriptor(p.string("moduleName")).orElseThrow(() ->
        new KurentoException(KurentoError.SERVER_MANAGER_ERROR_KMD_NOT_FOUND, "No module named '" + p.string("moduleName") + "'")));
    operation("getCpuCount", p -> Runtime.getRuntime().availableProcessors());
    operation("getUsedMemory", p -> load.residentMemoryKib());
    operation("getUsedCpu", p -> usedCpu(p.integer("interval")));
  }

  @Override
  public MediaPipeline pipeline() {
    return null;
  }

  @Override
  public boolean collectable() {
    return false;
  }

  /** Tells subscribers that an object appeared; KMS raises it for every created object. */
  public void objectCreated(MediaObject object) {
    emit("ObjectCreated", Json.object().put("object", object.id()));
  }

  public void objectDestroyed(MediaObject object) {
    emit("ObjectDestroyed", Json.object().put("objectId", object.id()));
  }

  private ObjectNode info() {
    ArrayNode modules = Json.mapper().createArrayNode();
    ctx.kmd().moduleVersions().forEach((name, version) -> {
      ArrayNode factories = Json.mapper().createArrayNode();
      FACTORIES.getOrDefault(name, List.of()).forEach(factories::add);
      modules.add(Json.complex("ModuleInfo")
          .put("version", version)
          .put("name", name)
          .put("generationTime", "Switchboard medianode")
          .set("factories", factories));
    });
    ObjectNode info = Json.complex("ServerInfo");
    info.put("version", ctx.kmd().moduleVersions().getOrDefault("core", "7.3.0"));
    info.set("modules", modules);
    info.put("type", "KMS");
    info.set("capabilities", Json.mapper().createArrayNode().add("transactions"));
    return info;
  }

  /** Samples process CPU over {@code interval} ms without holding the control thread. */
  private CompletableFuture<Object> usedCpu(int intervalMs) {
    if (intervalMs < 0 || intervalMs > MAX_CPU_INTERVAL_MS) {
      throw new KurentoException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
          "'interval' must be between 0 and " + MAX_CPU_INTERVAL_MS + " ms");
    }
    long cpuStart = load.processCpuNanos();
    long wallStart = System.nanoTime();
    CompletableFuture<Object> result = new CompletableFuture<>();
    ctx.control().schedule(() -> {
      long wall = Math.max(1, System.nanoTime() - wallStart);
      long cpu = load.processCpuNanos() - cpuStart;
      float percent = (float) (100.0 * cpu / wall / Runtime.getRuntime().availableProcessors());
      result.complete(Math.max(0f, Math.min(100f, percent)));
    }, intervalMs, TimeUnit.MILLISECONDS);
    return result;
  }
}
