package dev.switchboard.medianode.rpc.methods;

import dev.switchboard.medianode.objects.ObjectRegistry;
import dev.switchboard.medianode.rpc.Args;
import dev.switchboard.medianode.rpc.Json;
import dev.switchboard.medianode.rpc.MethodHandler;
import dev.switchboard.medianode.rpc.RequestContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;

/**
 * {@code release}: frees the object and its children for every session. Releasing an unknown or
 * already released id succeeds, as in KMS (Kurento's one2one tutorial releases a pipeline twice).
 * Confined to the control thread.
 */
public final class ReleaseMethod implements MethodHandler {
  private final ObjectRegistry objects;

  public ReleaseMethod(ObjectRegistry objects) {
    this.objects = objects;
  }

  @Override
  public String method() {
    return "release";
  }

  @Override
  public CompletionStage<JsonNode> handle(RequestContext request) {
    objects.find(Args.string(request.params(), "object"))
        .filter(o -> o.collectable())
        .ifPresent(objects::release);
    return CompletableFuture.completedFuture(Json.object());
  }
}
