package dev.switchboard.medianode.rpc.methods;

import dev.switchboard.medianode.kmd.KmdModel;
import dev.switchboard.medianode.objects.MediaObject;
import dev.switchboard.medianode.objects.ObjectRegistry;
import dev.switchboard.medianode.rpc.Args;
import dev.switchboard.medianode.rpc.KurentoError;
import dev.switchboard.medianode.rpc.KurentoException;
import dev.switchboard.medianode.rpc.MethodHandler;
import dev.switchboard.medianode.rpc.RequestContext;
import dev.switchboard.medianode.rpc.Responses;
import dev.switchboard.medianode.session.SessionRegistry;
import dev.switchboard.medianode.session.Subscription;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code subscribe}: succeeds for every event the object's class or an ancestor declares, even
 * ones this node never raises, because clients subscribe to them all up front. Confined to the
 * control thread.
 */
public final class SubscribeMethod implements MethodHandler {
  private final KmdModel kmd;
  private final ObjectRegistry objects;
  private final SessionRegistry sessions;

  public SubscribeMethod(KmdModel kmd, ObjectRegistry objects, SessionRegistry sessions) {
    this.kmd = kmd;
    this.objects = objects;
    this.sessions = sessions;
  }

  @Override
  public String method() {
    return "subscribe";
  }

  @Override
  public CompletionStage<JsonNode> handle(RequestContext request) {
    MediaObject target = objects.require(Args.string(request.params(), "object"));
    String type = Args.string(request.params(), "type");
    if (!kmd.events(target.type()).contains(type)) {
      throw new KurentoException(KurentoError.MEDIA_OBJECT_EVENT_NOT_SUPPORTED,
          target.type() + " has no event '" + type + "'");
    }
    Subscription sub = sessions.subscribe(request.session(), target, type);
    return CompletableFuture.completedFuture(Responses.value(StringNode.valueOf(sub.id())));
  }
}
