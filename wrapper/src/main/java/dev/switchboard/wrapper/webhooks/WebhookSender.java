package dev.switchboard.wrapper.webhooks;

import dev.switchboard.contracts.webhooks.WebhookHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one signed webhook and reports what came of it, never waiting longer than the timeout;
 * thread-safe (one JDK {@link HttpClient} on virtual threads, shared by every consumer). Owns the
 * client and closes it.
 *
 * <p>Redirects are not followed (a 3xx is a failure: the signed body must reach the configured
 * endpoint, not wherever a response points). The timeout bounds the whole exchange, body
 * included: {@link HttpRequest.Builder#timeout} alone only bounds the wait for the headers.
 */
public class WebhookSender implements AutoCloseable {
  /** What one POST came to: an HTTP status, or {@code status} 0 and an error. */
  public record Result(int status, String error) {
    public boolean delivered() {
      return status >= 200 && status < 300;
    }

    /** For logs and the parked message's error header. */
    public String describe() {
      return status > 0 ? "HTTP " + status : error;
    }
  }

  private final URI url;
  private final Duration timeout;
  private final WebhookSigner signer;
  private final Clock clock;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient client;

  public WebhookSender(URI url, Duration timeout, WebhookSigner signer, Clock clock) {
    this.url = url;
    this.timeout = timeout;
    this.signer = signer;
    this.clock = clock;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout)
        .executor(executor)
        .build();
  }

  /** POSTs {@code body} signed now; blocks at most about the timeout. */
  public Result send(String deliveryId, String eventType, int attempt, byte[] body) {
    long now = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("User-Agent", "Switchboard-Webhooks/1")
        .header(WebhookHeaders.DELIVERY_ID, deliveryId)
        .header(WebhookHeaders.EVENT, eventType)
        .header(WebhookHeaders.TIMESTAMP, Long.toString(now))
        .header(WebhookHeaders.SIGNATURE, signer.signature(now, body))
        .header(WebhookHeaders.ATTEMPT, Integer.toString(attempt))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    CompletableFuture<HttpResponse<Void>> response = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      return new Result(response.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode(), null);
    } catch (TimeoutException e) {
      response.cancel(true);
      return new Result(0, "timed out after " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new Result(0, cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      return new Result(0, "interrupted (instance stopping)");
    }
  }

  @Override
  public void close() {
    client.shutdownNow();
    executor.shutdownNow();
  }
}
