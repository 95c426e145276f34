package dev.switchboard.medianode.kmd;

/** One declared parameter of a Kurento method, constructor or property setter. Immutable. */
public record ParamInfo(String name, String type, boolean optional) {}
