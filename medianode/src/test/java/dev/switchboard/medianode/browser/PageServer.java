package dev.switchboard.medianode.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Serves the test pages under the test resources' {@code /browser/} from
 * http://127.0.0.1:(free port), which Chrome treats as a secure context, so getUserMedia works;
 * the JDK server answers on its own dispatcher thread.
 */
public final class PageServer implements AutoCloseable {
  private static final Pattern FILE = Pattern.compile("/[a-z0-9-]+\\.(html|js)");

  private final HttpServer server;

  private PageServer(HttpServer server) {
    this.server = server;
  }

  public static PageServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", PageServer::serve);
      server.start();
      return new PageServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page the tests drive. */
  public URI peerPage() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/peer.html");
  }

  private static void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body = null;
      // Only plain file names, so no request can climb out of /browser/.
      if ("GET".equals(exchange.getRequestMethod()) && FILE.matcher(path).matches()) {
        try (InputStream in = PageServer.class.getResourceAsStream("/browser" + path)) {
          body = in == null ? null : in.readAllBytes();
        }
      }
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String type = path.endsWith(".js") ? "text/javascript" : "text/html";
      exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
