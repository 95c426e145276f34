package dev.switchboard.medianode.objects;

/**
 * Renders a pipeline's elements and connections as a Graphviz digraph, which is what operators
 * expect from {@code getGstreamerDot} when debugging a room. Stateless.
 */
final class GraphDot {
  private GraphDot() {}

  static String of(MediaObject root) {
    StringBuilder dot = new StringBuilder("digraph \"").append(root.pipeline().id()).append("\" {\n");
    for (MediaObject child : root.pipeline().children()) {
      dot.append("  \"").append(child.id()).append("\" [label=\"").append(child.type()).append("\"];\n");
      if (child instanceof MediaElement e) {
        for (ElementConnection c : e.sinkConnections()) {
          dot.append("  \"").append(c.source().id()).append("\" -> \"").append(c.sink().id())
              .append("\" [label=\"").append(c.mediaType()).append("\"];\n");
        }
      }
    }
    return dot.append("}\n").toString();
  }
}
