package dev.switchboard.medianode.kmd;

import java.util.List;

/**
 * A wire operation of a Kurento class as the client sends it in {@code invoke}: a declared
 * method, or a property's {@code get<Prop>}/{@code set<Prop>}. Immutable.
 */
public record MethodInfo(String declaringClass, String operation, List<ParamInfo> params, String returnType) {}
