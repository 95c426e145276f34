package dev.switchboard.medianode.kmd;

import java.util.List;

/**
 * A complex type of a Kurento module: an enum (values on the wire as their names) or a
 * registered struct (a JSON object carrying {@code __module__} and {@code __type__}). Immutable.
 */
public record TypeInfo(String module, String name, boolean isEnum, List<String> enumValues) {}
