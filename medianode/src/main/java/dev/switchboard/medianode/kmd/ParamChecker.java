package dev.switchboard.medianode.kmd;

import dev.switchboard.medianode.rpc.KurentoError;
import dev.switchboard.medianode.rpc.KurentoException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks request parameters against their declared Kurento types before any object sees them, so
 * a wrong type is always a {@code MARSHALL_ERROR} naming the parameter (as KMS's generated
 * deserialisers answer) and never an exception deeper down. Stateless; thread-safe.
 */
public final class ParamChecker {
  private final KmdModel model;

  public ParamChecker(KmdModel model) {
    this.model = model;
  }

  /** Every required parameter present and every given one of its declared type; unknown extras are ignored as KMS does. */
  public void check(List<ParamInfo> declared, JsonNode params) {
    for (ParamInfo p : declared) {
      JsonNode value = params == null ? null : params.get(p.name());
      if (value == null || value.isNull()) {
        if (!p.optional()) {
          throw new KurentoException(KurentoError.MARSHALL_ERROR, "'" + p.name() + "' parameter is required");
        }
        continue;
      }
      checkValue(p.name(), p.type(), value);
    }
  }

  private void checkValue(String name, String type, JsonNode value) {
    if (type.endsWith("[]")) {
      if (!value.isArray()) {
        throw wrong(name, "an array");
      }
      String element = type.substring(0, type.length() - 2);
      for (JsonNode item : value) {
        checkValue(name, element, item);
      }
      return;
    }
    switch (type) {
      case "String" -> require(value.isString(), name, "a string");
      case "boolean" -> require(value.isBoolean(), name, "a boolean");
      case "int" -> require(value.isIntegralNumber() && value.canConvertToInt(), name, "a 32-bit integer");
      case "int64" -> require(value.isIntegralNumber() && value.canConvertToLong(), name, "a 64-bit integer");
      case "float", "double" -> require(value.isNumber(), name, "a number");
      default -> checkNamedType(name, type, value);
    }
  }

  private void checkNamedType(String name, String type, JsonNode value) {
    if (type.endsWith("<>")) {
      require(value.isObject(), name, "an object");
      return;
    }
    if (model.isRemoteClass(type)) {
      require(value.isString(), name, "an object id (string)");
      return;
    }
    TypeInfo info = model.type(type).orElse(null);
    if (info == null) {
      return;
    }
    if (info.isEnum()) {
      require(value.isString(), name, "one of " + info.enumValues());
      if (!info.enumValues().contains(value.asString())) {
        throw new KurentoException(
            KurentoError.MARSHALL_ERROR, "'" + name + "' parameter should be one of " + info.enumValues());
      }
    } else {
      require(value.isObject(), name, "a " + type + " object");
    }
  }

  private static void require(boolean ok, String name, String what) {
    if (!ok) {
      throw wrong(name, what);
    }
  }

  private static KurentoException wrong(String name, String what) {
    return new KurentoException(KurentoError.MARSHALL_ERROR, "'" + name + "' parameter should be " + what);
  }
}
