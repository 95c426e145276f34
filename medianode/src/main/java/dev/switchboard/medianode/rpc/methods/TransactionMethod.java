package dev.switchboard.medianode.rpc.methods;

import dev.switchboard.medianode.rpc.KurentoError;
import dev.switchboard.medianode.rpc.KurentoException;
import dev.switchboard.medianode.rpc.MethodHandler;
import dev.switchboard.medianode.rpc.RequestContext;
import dev.switchboard.medianode.rpc.RequestDispatcher;
import dev.switchboard.medianode.rpc.Responses;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code transaction}: runs inner requests (ids 0..n-1) in order in the caller's session,
 * replacing {@code "newref:<i>"} with the id created by operation {@code i}, and stops at the first
 * failure (KMS {@code ServerMethods::transaction}). Confined to the control thread.
 */
public final class TransactionMethod implements MethodHandler {
  private static final String NEWREF = "newref:";
  /** A transaction is a batch of a few object set-ups; this bounds the work one message can ask for. */
  private static final int MAX_OPERATIONS = 1000;

  private final Supplier<RequestDispatcher> dispatcher;

  public TransactionMethod(Supplier<RequestDispatcher> dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public String method() {
    return "transaction";
  }

  @Override
  public CompletionStage<JsonNode> handle(RequestContext request) {
    JsonNode operations = request.params().get("operations");
    if (operations == null || !operations.isArray()) {
      throw new KurentoException(KurentoError.MALFORMED_TRANSACTION, "'operations' must be an array of requests");
    }
    if (operations.size() > MAX_OPERATIONS) {
      throw new KurentoException(KurentoError.MALFORMED_TRANSACTION, "A transaction holds at most " + MAX_OPERATIONS + " operations");
    }
    List<ObjectNode> responses = new ArrayList<>();
    CompletionStage<Boolean> chain = CompletableFuture.completedFuture(true);
    for (int i = 0; i < operations.size(); i++) {
      int index = i;
      JsonNode op = operations.get(i);
      chain = chain.thenCompose(go -> go ? run(request, op, index, responses) : CompletableFuture.completedFuture(false));
    }
    return chain.thenApply(done -> {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      responses.forEach(out::add);
      return Responses.value(out);
    });
  }

  private CompletionStage<Boolean> run(RequestContext request, JsonNode op, int index, List<ObjectNode> responses) {
    if (!(op instanceof ObjectNode opObject) || !op.path("id").isIntegralNumber() || op.path("id").asInt() != index) {
      responses.add(Responses.error(JsonNodeFactory.instance.numberNode(index), KurentoError.MALFORMED_TRANSACTION,
          "Operation " + index + " must be a request object with id " + index));
      return CompletableFuture.completedFuture(false);
    }
    if ("transaction".equals(op.path("method").asString(""))) {
      responses.add(Responses.error(op.get("id"), KurentoError.MALFORMED_TRANSACTION, "Transactions cannot be nested"));
      return CompletableFuture.completedFuture(false);
    }
    ObjectNode resolved;
    try {
      resolved = (ObjectNode) substitute(opObject.deepCopy(), responses);
    } catch (KurentoException e) {
      responses.add(Responses.error(op.get("id"), e.error(), e.getMessage()));
      return CompletableFuture.completedFuture(false);
    }
    return dispatcher.get().process(request.connection(), resolved, request.session()).thenApply(response -> {
      responses.add(response);
      return !response.has("error");
    });
  }

  private static JsonNode substitute(JsonNode node, List<ObjectNode> responses) {
    if (node.isString() && node.asString().startsWith(NEWREF)) {
      return StringNode.valueOf(createdId(node.asString(), responses));
    }
    if (node instanceof ObjectNode o) {
      for (String name : List.copyOf(o.propertyNames())) {
        o.set(name, substitute(o.get(name), responses));
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, substitute(a.get(i), responses));
      }
    }
    return node;
  }

  private static String createdId(String ref, List<ObjectNode> responses) {
    int target;
    try {
      target = Integer.parseInt(ref.substring(NEWREF.length()));
    } catch (NumberFormatException e) {
      target = -1;
    }
    JsonNode value = target >= 0 && target < responses.size()
        ? responses.get(target).path("result").path("value") : null;
    if (value == null || !value.isString()) {
      throw new KurentoException(KurentoError.NOT_FOUND_TRANSACTION_NO_COMMIT,
          "'" + ref + "' names no object created earlier in this transaction");
    }
    return value.asString();
  }
}
