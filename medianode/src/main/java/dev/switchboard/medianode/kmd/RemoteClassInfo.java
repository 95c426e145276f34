package dev.switchboard.medianode.kmd;

import java.util.List;
import java.util.Map;

/**
 * One remote class of a Kurento module descriptor ({@code *.kmd.json}): its parent, constructor,
 * operations (methods and property accessors) and declared events. Immutable.
 */
public record RemoteClassInfo(
    String module,
    String name,
    String parent,
    boolean isAbstract,
    List<ParamInfo> constructorParams,
    Map<String, MethodInfo> operations,
    List<String> events) {

  public String qualifiedName() {
    return module + "." + name;
  }
}
