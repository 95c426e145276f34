package dev.switchboard.medianode.rpc.methods;

import dev.switchboard.medianode.kmd.KmdModel;
import dev.switchboard.medianode.kmd.RemoteClassInfo;
import dev.switchboard.medianode.objects.MediaObject;
import dev.switchboard.medianode.objects.ObjectRegistry;
import dev.switchboard.medianode.rpc.Args;
import dev.switchboard.medianode.rpc.Json;
import dev.switchboard.medianode.rpc.MethodHandler;
import dev.switchboard.medianode.rpc.RequestContext;
import dev.switchboard.medianode.session.SessionRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code describe}: the object's class and its qualified ancestors; references the object. Confined to the control thread. */
public final class DescribeMethod implements MethodHandler {
  private final KmdModel kmd;
  private final ObjectRegistry objects;
  private final SessionRegistry sessions;

  public DescribeMethod(KmdModel kmd, ObjectRegistry objects, SessionRegistry sessions) {
    this.kmd = kmd;
    this.objects = objects;
    this.sessions = sessions;
  }

  @Override
  public String method() {
    return "describe";
  }

  @Override
  public CompletionStage<JsonNode> handle(RequestContext request) {
    MediaObject target = objects.require(Args.string(request.params(), "object"));
    sessions.reference(request.session(), target);
    List<RemoteClassInfo> chain = kmd.hierarchy(target.type());
    ArrayNode hierarchy = Json.mapper().createArrayNode();
    chain.stream().skip(1).forEach(c -> hierarchy.add(c.qualifiedName()));
    ObjectNode result = Json.object().put("type", target.type()).put("qualifiedType", chain.getFirst().qualifiedName());
    result.set("hierarchy", hierarchy);
    return CompletableFuture.completedFuture(result);
  }
}
