package dev.switchboard.medianode.rpc.methods;

import dev.switchboard.medianode.kmd.KmdModel;
import dev.switchboard.medianode.kmd.ParamChecker;
import dev.switchboard.medianode.kmd.RemoteClassInfo;
import dev.switchboard.medianode.objects.MediaObject;
import dev.switchboard.medianode.objects.MediaObjectFactory;
import dev.switchboard.medianode.rpc.Args;
import dev.switchboard.medianode.rpc.KurentoError;
import dev.switchboard.medianode.rpc.KurentoException;
import dev.switchboard.medianode.rpc.MethodHandler;
import dev.switchboard.medianode.rpc.RequestContext;
import dev.switchboard.medianode.rpc.Responses;
import dev.switchboard.medianode.session.SessionRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code create}: builds a media object of a descriptor-declared, concrete class and makes the
 * creating session reference it. Confined to the control thread.
 */
public final class CreateMethod implements MethodHandler {
  private final KmdModel kmd;
  private final ParamChecker checker;
  private final MediaObjectFactory factory;
  private final SessionRegistry sessions;

  public CreateMethod(KmdModel kmd, ParamChecker checker, MediaObjectFactory factory, SessionRegistry sessions) {
    this.kmd = kmd;
    this.checker = checker;
    this.factory = factory;
    this.sessions = sessions;
  }

  @Override
  public String method() {
    return "create";
  }

  @Override
  public CompletionStage<JsonNode> handle(RequestContext request) {
    String typeName = Args.string(request.params(), "type");
    // Clients may qualify the type ("kurento.WebRtcEndpoint"); the descriptor names are bare.
    String bare = typeName.startsWith("kurento.") ? typeName.substring("kurento.".length()) : typeName;
    RemoteClassInfo type = kmd.remoteClass(bare)
        .filter(c -> !c.isAbstract())
        .orElseThrow(() -> new KurentoException(KurentoError.MEDIA_OBJECT_TYPE_NOT_FOUND, "Unknown media object type '" + typeName + "'"));
    ObjectNode ctorParams = Args.object(request.params(), "constructorParams");
    checker.check(type.constructorParams(), ctorParams);
    MediaObject created = factory.create(type, ctorParams);
    sessions.reference(request.session(), created);
    return CompletableFuture.completedFuture(Responses.value(StringNode.valueOf(created.id())));
  }
}
