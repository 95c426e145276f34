package dev.switchboard.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.api.auth.ParticipantTokens;
import dev.switchboard.api.bus.CommandPublisher;
import dev.switchboard.api.bus.QueueProbe;
import dev.switchboard.api.bus.SessionTopology;
import dev.switchboard.api.poll.PollService;
import dev.switchboard.api.support.ApiClient;
import dev.switchboard.api.support.EmbeddedMongo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Coverage-guided (Jazzer) fuzz target for the api's HTTP surface: any method, path, query,
 * headers and body, sent as raw HTTP/1.1 to the real embedded server (so Tomcat's parsing, the
 * filters, the auth interceptor, the real JSON mapper reading JoinRequest, OfferRequest,
 * CandidateRequest and DrainRequest, the request checks and the error handler all run), gets an
 * answer below 500. The bus-facing beans are mocks (every queue exists, every command is queued,
 * polls find nothing), so no input declares or publishes anything on RabbitMQ. An input is
 * {@code METHOD TARGET}, header lines, an empty line, the body; the tokens {@code @sid@},
 * {@code @pid@}, {@code @token@}, {@code @app@} and {@code @admin@} stand for a session id, a participant id,
 * its valid token, the application key and the admin key. Single-threaded (Jazzer's thread); the server has its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"switchboard.api.admin-key=" + ApiFuzzTarget.ADMIN_KEY,
        // Thousands of inputs a second from one address: rate limits would answer most with 429 and
        // keep the fuzzer out of the parsers behind them (RateLimitRouteTest covers the limits).
        "switchboard.api.rate-limit.address-per-second=1000000", "switchboard.api.rate-limit.address-burst=10000000",
        "switchboard.api.rate-limit.participant-per-second=1000000",
        "switchboard.api.rate-limit.participant-burst=10000000"})
class ApiFuzzTarget {
  static final String ADMIN_KEY = "fuzz-admin-key-0123456789abcdef";
  private static final int READ_TIMEOUT_MILLIS = 10_000;
  private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3})|\\{\"status\":(\\d{3})");
  private static final String SID = Ids.random();
  private static final String PID = Ids.random();

  @LocalServerPort
  private int port;

  @Autowired
  private ParticipantTokens tokens;

  @MockitoBean
  private QueueProbe probe;

  @MockitoBean
  private SessionTopology topology;

  @MockitoBean
  private CommandPublisher publisher;

  @MockitoBean
  private PollService polls;

  /**
   * The auto-configured admin is declared as an AmqpAdmin; with SessionTopology mocked nothing
   * creates it before BrokerTopology asks for a RabbitAdmin by type, so declare it as one.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class BrokerAdmin {
    @Bean
    RabbitAdmin rabbitAdmin(ConnectionFactory connectionFactory) {
      return new RabbitAdmin(connectionFactory);
    }
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add("spring.mongodb.uri", EmbeddedMongo::uri);
  }

  @BeforeEach
  void everyQueueExists() {
    when(probe.exists(anyString())).thenReturn(true);
    when(publisher.publish(anyString(), any())).thenReturn(CommandPublisher.Outcome.QUEUED);
    when(polls.poll(anyString(), anyLong(), any())).thenReturn(List.of());
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "15s")
  void request(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8).replace("@sid@", SID).replace("@pid@", PID)
        .replace("@token@", tokens.issue(SID, PID, dev.switchboard.contracts.rest.ParticipantRight.all()).token()).replace("@admin@", ADMIN_KEY)
        .replace("@app@", ApiClient.APPLICATION_KEY);
    int status;
    // Jazzer's SSRF detector would report the request itself; only our own loopback server is allowed.
    try (SilentCloseable loopbackOnly = BugDetectors.allowNetworkConnections((host, p) -> p == port)) {
      status = send(text);
    }
    // -1: Tomcat closed the connection without an answer, as it does for some broken request lines.
    if (status >= 0) {
      assertThat(status).as("status of %s", preview(text)).isBetween(100, 499);
    }
  }

  /** Sends the request on a fresh connection and returns the status code, or -1 when none came back. */
  private int send(String text) {
    int headEnd = text.indexOf("\n\n");
    String head = headEnd < 0 ? text : text.substring(0, headEnd);
    byte[] body = headEnd < 0 ? new byte[0] : text.substring(headEnd + 2).getBytes(StandardCharsets.UTF_8);
    String[] lines = head.split("\n", -1);
    StringBuilder request = new StringBuilder(lines[0]).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (int i = 1; i < lines.length; i++) {
      request.append(lines[i]).append("\r\n");
    }
    request.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      return status(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("no answer to " + preview(text), e);
    }
  }

  /**
   * The code of the "HTTP/1.1 NNN ..." status line, or of the error body's "status" field when
   * Tomcat took the request line for HTTP/0.9 and answered with a bare body, or -1 when the server
   * closed the connection without an answer.
   */
  private static int status(InputStream in) throws IOException {
    byte[] head = in.readNBytes(64);
    if (head.length == 0) {
      return -1;
    }
    String start = new String(head, StandardCharsets.ISO_8859_1);
    Matcher status = STATUS.matcher(start);
    assertThat(status.lookingAt()).as("status line or error body: %s", start).isTrue();
    return Integer.parseInt(status.group(1) != null ? status.group(1) : status.group(2));
  }

  private static String preview(String text) {
    return text.length() > 600 ? text.substring(0, 600) + "...(" + text.length() + " chars)" : text;
  }

  static Stream<Arguments> seeds() {
    String sdp = "v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 111\\r\\n";
    String participant = "/api/sessions/@sid@/participants/@pid@";
    return Stream.of(
        "POST /api/sessions\nAuthorization: Bearer @app@",
        "GET /api/sessions/@sid@\nAuthorization: Bearer @token@",
        "POST /api/sessions/@sid@/participants\nContent-Type: application/json\nAuthorization: Bearer @app@\n\n"
            + "{\"name\":\"Ada\",\"rights\":[\"receive\"]}",
        "POST " + participant + "/token\nAuthorization: Bearer @token@",
        "GET " + participant + "/ice-servers\nAuthorization: Bearer @token@",
        "POST " + participant + "/offers\nContent-Type: application/json\nAuthorization: Bearer @token@\n\n"
            + "{\"target\":\"@pid@\",\"sdp\":\"" + sdp + "\",\"offerId\":\"o1\"}",
        "POST " + participant + "/candidates\nContent-Type: application/json\nAuthorization: Bearer @token@\n\n"
            + "{\"target\":\"@pid@\",\"candidate\":\"candidate:1 1 udp 2122260223 192.0.2.1 40000 typ host\","
            + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0}",
        "GET " + participant + "/messages?after=3&wait=0\nAuthorization: Bearer @token@",
        "DELETE " + participant + "\nAuthorization: Bearer @token@",
        "POST /api/admin/media-servers/ms-1/drain\nContent-Type: application/json\nAuthorization: Bearer @admin@\n\n"
            + "{\"moveSessions\":true}",
        "POST /api/admin/media-servers/ms-1/undrain\nAuthorization: Bearer @admin@",
        "GET /v3/api-docs")
        .map(s -> Arguments.of((Object) s.getBytes(StandardCharsets.UTF_8)));
  }
}
