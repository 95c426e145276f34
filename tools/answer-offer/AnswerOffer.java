import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an SDP offer on stdin, asks a Kurento-protocol server (a medianode or KMS) for the answer
 * of a fresh WebRtcEndpoint, and prints it. A JDK-only tool for checking answers in a browser:
 * {@code java AnswerOffer.java ws://127.0.0.1:8888/kurento < offer.sdp}. Single-threaded.
 */
public final class AnswerOffer {
  private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*\"((?:[^\"\\\\]++|\\\\.)*+)\"");

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "ws://127.0.0.1:8888/kurento";
    String offer = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(url), new WebSocket.Listener() {
          private final StringBuilder part = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
              replies.add(part.toString());
              part.setLength(0);
            }
            w.request(1);
            return CompletableFuture.completedFuture(null);
          }
        }).join();
    String pipeline = call(ws, replies, 1, "create", "{\"type\":\"MediaPipeline\",\"constructorParams\":{}}");
    String endpoint = call(ws, replies, 2, "create",
        "{\"type\":\"WebRtcEndpoint\",\"constructorParams\":{\"mediaPipeline\":\"" + pipeline + "\"}}");
    String answer = call(ws, replies, 3, "invoke", "{\"object\":\"" + endpoint
        + "\",\"operation\":\"processOffer\",\"operationParams\":{\"offer\":\"" + escape(offer) + "\"}}");
    call(ws, replies, 4, "release", "{\"object\":\"" + pipeline + "\"}");
    System.out.print(answer);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
  }

  private static String call(WebSocket ws, LinkedBlockingQueue<String> replies, int id, String method, String params)
      throws InterruptedException {
    ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).join();
    while (true) {
      String reply = replies.poll(10, TimeUnit.SECONDS);
      if (reply == null) {
        throw new IllegalStateException(method + ": no reply within 10 s");
      }
      if (!reply.contains("\"id\":" + id + ",") && !reply.contains("\"id\":" + id + "}")) {
        continue;
      }
      if (reply.contains("\"error\"")) {
        throw new IllegalStateException(method + " failed: " + reply);
      }
      Matcher m = VALUE.matcher(reply);
      return m.find() ? unescape(m.group(1)) : "";
    }
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.toString();
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'r' -> out.append('\r');
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(n);
      }
    }
    return out.toString();
  }
}
