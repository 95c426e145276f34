package dev.switchboard.medianode.rpc.methods;

import dev.switchboard.medianode.kmd.KmdModel;
import dev.switchboard.medianode.kmd.MethodInfo;
import dev.switchboard.medianode.kmd.ParamChecker;
import dev.switchboard.medianode.objects.MediaObject;
import dev.switchboard.medianode.objects.ObjectRegistry;
import dev.switchboard.medianode.objects.Params;
import dev.switchboard.medianode.rpc.Args;
import dev.switchboard.medianode.rpc.KurentoError;
import dev.switchboard.medianode.rpc.KurentoException;
import dev.switchboard.medianode.rpc.MethodHandler;
import dev.switchboard.medianode.rpc.RequestContext;
import dev.switchboard.medianode.rpc.Responses;
import dev.switchboard.medianode.rpc.Values;
import dev.switchboard.medianode.session.SessionRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code invoke}: runs an operation the descriptor declares for the object's class, after
 * checking its parameters; the invoking session then references the object, as in KMS.
 * Confined to the control thread.
 */
public final class InvokeMethod implements MethodHandler {
  private final KmdModel kmd;
  private final ParamChecker checker;
  private final ObjectRegistry objects;
  private final SessionRegistry sessions;

  public InvokeMethod(KmdModel kmd, ParamChecker checker, ObjectRegistry objects, SessionRegistry sessions) {
    this.kmd = kmd;
    this.checker = checker;
    this.objects = objects;
    this.sessions = sessions;
  }

  @Override
  public String method() {
    return "invoke";
  }

  @Override
  public CompletionStage<JsonNode> handle(RequestContext request) {
    MediaObject target = objects.require(Args.string(request.params(), "object"));
    String operation = Args.string(request.params(), "operation");
    MethodInfo declared = kmd.operation(target.type(), operation).orElseThrow(() -> new KurentoException(
        KurentoError.MEDIA_OBJECT_METHOD_NOT_FOUND, target.type() + " has no operation '" + operation + "'"));
    ObjectNode operationParams = Args.object(request.params(), "operationParams");
    checker.check(declared.params(), operationParams);
    sessions.reference(request.session(), target);
    Object result = target.invoke(operation, new Params(operationParams, objects));
    if (result instanceof CompletionStage<?> pending) {
      return pending.thenApply(v -> Responses.value(Values.toJson(v)));
    }
    return CompletableFuture.completedFuture(Responses.value(Values.toJson(result)));
  }
}
