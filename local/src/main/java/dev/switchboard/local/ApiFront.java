package dev.switchboard.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cluster's load balancer: a round-robin reverse proxy in front of the api instances, one
 * virtual thread per request (long polls are plain requests, so they just wait). Forwards method,
 * path, query, headers and body; tells which instance answered in {@code X-Switchboard-Api}. An
 * instance that refuses the connection is skipped for the next one.
 */
public final class ApiFront implements AutoCloseable {
  public static final String INSTANCE_HEADER = "X-Switchboard-Api";
  /** Headers HttpClient sets itself or refuses, and hop-by-hop ones. */
  private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
      "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");

  /** One api instance behind the front. */
  public record Backend(String name, URI url) {}

  private final List<Backend> backends;
  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
  private final AtomicInteger next = new AtomicInteger();

  private ApiFront(List<Backend> backends, HttpServer server) {
    this.backends = List.copyOf(backends);
    this.server = server;
  }

  /** Listens on host:port ({@code 0}: a free port). */
  public static ApiFront start(String host, int port, List<Backend> backends) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 256);
    ApiFront front = new ApiFront(backends, server);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", front::handle);
    server.start();
    return front;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int first = Math.floorMod(next.getAndIncrement(), backends.size());
      for (int attempt = 0; attempt < backends.size(); attempt++) {
        Backend backend = backends.get((first + attempt) % backends.size());
        try {
          forward(exchange, backend, body);
          return;
        } catch (ConnectException e) {
          // down: the next instance gets the request
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (IOException e) {
          break;
        }
      }
      byte[] text = "{\"code\":\"BAD_GATEWAY\",\"message\":\"no api instance answered\"}".getBytes();
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(502, text.length);
      exchange.getResponseBody().write(text);
    }
  }

  private void forward(HttpExchange exchange, Backend backend, byte[] body) throws IOException, InterruptedException {
    URI incoming = exchange.getRequestURI();
    URI target = URI.create(backend.url() + incoming.getRawPath()
        + (incoming.getRawQuery() == null ? "" : "?" + incoming.getRawQuery()));
    HttpRequest.Builder request = HttpRequest.newBuilder(target).method(exchange.getRequestMethod(),
        body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      if (!NOT_FORWARDED.contains(header.getKey().toLowerCase())) {
        for (String value : header.getValue()) {
          request.header(header.getKey(), value);
        }
      }
    }
    HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      response.headers().map().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      exchange.getResponseHeaders().set(INSTANCE_HEADER, backend.name());
      long length = response.headers().firstValueAsLong("content-length").orElse(0);
      boolean noBody = exchange.getRequestMethod().equals("HEAD") || response.statusCode() == 204
          || response.statusCode() == 304 || response.headers().firstValue("content-length").equals(java.util.Optional.of("0"));
      exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : length);
      if (!noBody) {
        OutputStream out = exchange.getResponseBody();
        in.transferTo(out);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    client.close();
  }
}
