package dev.switchboard.api.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.ApiApplication;
import dev.switchboard.api.auth.ParticipantTokens;
import dev.switchboard.api.support.ApiClient;
import dev.switchboard.api.support.ApiClient.Participant;
import dev.switchboard.api.support.ApiIntegrationTest;
import dev.switchboard.api.support.Broker;
import dev.switchboard.api.support.EmbeddedMongo;
import dev.switchboard.api.web.Ids;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.messages.Delivery;
import dev.switchboard.contracts.messages.ParticipantJoined;
import dev.switchboard.contracts.messages.ParticipantMessage;
import dev.switchboard.contracts.messages.RequestFailed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Polling of a participant's queue through two api instances (this test's context and a second
 * Spring application on another port, sharing RabbitMQ and MongoDB): contiguous numbering,
 * acknowledgement, long polls, one poll at a time, and nothing lost when an answer is.
 */
class PollingTest extends ApiIntegrationTest {
  private static ConfigurableApplicationContext second;
  private static ApiClient other;

  @Autowired
  private MongoTemplate mongo;
  @Autowired
  private ParticipantTokens tokens;

  @BeforeAll
  static void startSecondInstance() {
    // Command-line arguments, because they override application.yaml (default properties would not).
    second = new SpringApplicationBuilder(ApiApplication.class).run(
        "--server.port=0",
        "--spring.main.banner-mode=off",
        "--spring.mongodb.uri=" + EmbeddedMongo.uri(),
        // A short maximum, to show that a longer wait is capped.
        "--switchboard.api.max-poll-wait=1s");
    other = new ApiClient(((WebServerApplicationContext) second).getWebServer().getPort());
  }

  @AfterAll
  static void stopSecondInstance() {
    if (second != null) {
      second.close();
    }
  }

  @Test
  void messagesAreNumberedInOrderAndStayUntilAcknowledged() {
    Participant ada = join(newSession(), "Ada");
    publishJoined(ada, 1, 5);

    List<Delivery> first = api.messages(ada, 0);
    assertThat(first).extracting(Delivery::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(first).extracting(Delivery::message).containsExactly(joined(1), joined(2), joined(3), joined(4), joined(5));

    assertThat(api.messages(ada, 0)).as("nothing acknowledged yet").isEqualTo(first);

    List<Delivery> afterThree = api.messages(ada, 3);
    assertThat(afterThree).extracting(Delivery::seq).containsExactly(4L, 5L);
    assertThat(afterThree).extracting(Delivery::message).containsExactly(joined(4), joined(5));
    assertThat(Broker.readyCount(queue(ada))).as("1..3 removed, 4 and 5 kept in the queue").isEqualTo(2);

    assertThat(api.messages(ada, 5)).isEmpty();
    assertThat(Broker.readyCount(queue(ada))).isZero();
  }

  @Test
  void aResentOldAcknowledgementChangesNothing() {
    Participant ada = join(newSession(), "Ada");
    publishJoined(ada, 1, 3);
    assertThat(api.messages(ada, 2)).extracting(Delivery::seq).containsExactly(3L);
    assertThat(api.messages(ada, 1)).extracting(Delivery::seq).containsExactly(3L);
    assertThat(api.messages(ada, 1)).extracting(Delivery::message).containsExactly(joined(3));
  }

  @Test
  void acknowledgingMoreThanWasSentRemovesWhatThereIsAndNumbersOnFromThere() {
    Participant ada = join(newSession(), "Ada");
    publishJoined(ada, 1, 2);
    assertThat(api.messages(ada, 10)).isEmpty();
    publishJoined(ada, 3, 3);
    assertThat(api.messages(ada, 10)).extracting(Delivery::seq).containsExactly(11L);
  }

  @Test
  void aPollReturnsAtMostOnePageInOrder() {
    Participant ada = join(newSession(), "Ada");
    publishJoined(ada, 1, 105);
    List<Delivery> page = api.messages(ada, 0);
    assertThat(page).extracting(Delivery::seq).containsExactlyElementsOf(IntStream.rangeClosed(1, 100).asLongStream().boxed().toList());
    assertThat(api.messages(ada, 100)).extracting(Delivery::seq).containsExactly(101L, 102L, 103L, 104L, 105L);
    assertThat(api.messages(ada, 100).getLast().message()).isEqualTo(joined(105));
  }

  @Test
  void aMessageToTheSessionExchangeReachesEveryParticipantAndADirectOneOnlyItsUser() {
    String sid = newSession();
    Participant ada = join(sid, "Ada");
    Participant bob = join(sid, "Bob");
    Broker.publishToExchange(Topology.sessionExchange(sid), json(joined(7)));
    Broker.publishToQueue(queue(bob), json(joined(8)));

    assertThat(api.messages(ada, 0)).containsExactly(new Delivery(1, joined(7)));
    assertThat(other.messages(bob, 0)).containsExactly(new Delivery(1, joined(7)), new Delivery(2, joined(8)));
  }

  @Test
  void aLongPollReturnsAsSoonAsAMessageArrives() throws Exception {
    Participant ada = join(newSession(), "Ada");
    CompletableFuture<ApiClient.Response> poll = CompletableFuture.supplyAsync(() -> api.poll(ada, 0, 20));
    awaitTrue(() -> Broker.consumerCount(queue(ada)) == 1, "the long poll is waiting on the queue");

    long published = System.nanoTime();
    Broker.publishToQueue(queue(ada), json(joined(1)));
    List<Delivery> deliveries = poll.get(15, TimeUnit.SECONDS).deliveries();
    Duration took = Duration.ofNanos(System.nanoTime() - published);

    assertThat(deliveries).containsExactly(new Delivery(1, joined(1)));
    assertThat(took).as("returned on arrival, not after the 20 s wait").isLessThan(Duration.ofSeconds(5));
    assertThat(Broker.consumerCount(queue(ada))).as("the waiting consumer is gone").isZero();
    assertThat(Broker.readyCount(queue(ada))).as("the message stays until acknowledged").isEqualTo(1);
    assertThat(api.messages(ada, 1)).isEmpty();
  }

  @Test
  void aLongPollWithNothingToReturnAnswersAnEmptyListAfterItsWait() {
    Participant ada = join(newSession(), "Ada");
    long start = System.nanoTime();
    List<Delivery> deliveries = api.poll(ada, 0, 1).deliveries();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(deliveries).isEmpty();
    assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    assertThat(Broker.consumerCount(queue(ada))).isZero();
  }

  @Test
  void aWaitLongerThanTheMaximumIsCapped() {
    Participant ada = join(newSession(), "Ada");
    long start = System.nanoTime();
    // The second instance allows at most 1 s.
    assertThat(other.poll(ada, 0, 30).deliveries()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aPollServedByTheOtherInstanceContinuesTheNumbering() {
    Participant ada = join(newSession(), "Ada");
    publishJoined(ada, 1, 3);
    assertThat(api.messages(ada, 0)).extracting(Delivery::seq).containsExactly(1L, 2L, 3L);

    publishJoined(ada, 4, 5);
    assertThat(other.messages(ada, 3)).containsExactly(new Delivery(4, joined(4)), new Delivery(5, joined(5)));
    assertThat(api.messages(ada, 5)).isEmpty();

    publishJoined(ada, 6, 6);
    assertThat(other.messages(ada, 5)).containsExactly(new Delivery(6, joined(6)));
  }

  @Test
  void anAnswerLostWithItsInstanceLosesNoMessage() {
    Participant ada = join(newSession(), "Ada");
    publishJoined(ada, 1, 4);
    // Instance one answers 1..4, but the answer never reaches the client (the instance dies).
    List<Delivery> lost = api.messages(ada, 0);
    assertThat(lost).hasSize(4);

    // The client asks the other instance, acknowledging only what it has: the same messages, same numbers.
    assertThat(other.messages(ada, 0)).isEqualTo(lost);
    assertThat(other.messages(ada, 2)).isEqualTo(lost.subList(2, 4));
  }

  @Test
  void aSecondPollWhileOneIsRunningIsRefusedAndTheFirstCarriesOn() throws Exception {
    Participant ada = join(newSession(), "Ada");
    CompletableFuture<ApiClient.Response> first = CompletableFuture.supplyAsync(() -> api.poll(ada, 0, 20));
    awaitTrue(() -> Broker.consumerCount(queue(ada)) == 1, "the first poll is waiting");

    ApiClient.Response refused = other.poll(ada, 0, 0);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.error().code()).isEqualTo("POLL_IN_PROGRESS");
    assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();

    Broker.publishToQueue(queue(ada), json(joined(1)));
    assertThat(first.get(15, TimeUnit.SECONDS).deliveries()).containsExactly(new Delivery(1, joined(1)));
    assertThat(other.messages(ada, 0)).as("the lease was released").containsExactly(new Delivery(1, joined(1)));
  }

  @Test
  void aWaitingPollHoldsAShortLeaseAndRenewsIt() throws Exception {
    Participant ada = join(newSession(), "Ada");
    CompletableFuture<ApiClient.Response> first = CompletableFuture.supplyAsync(() -> api.poll(ada, 0, 20));
    awaitTrue(() -> Broker.consumerCount(queue(ada)) == 1, "the poll is waiting");
    // Not the 20 s wait plus a margin: an instance dying now would lock Ada out only briefly.
    Instant taken = leaseUntil(ada);
    assertThat(taken).isBeforeOrEqualTo(clock.instant().plusSeconds(5));

    clock.advance(Duration.ofSeconds(2));
    awaitTrue(() -> leaseUntil(ada).isAfter(taken), "the waiting poll renews its lease");
    Broker.publishToQueue(queue(ada), json(joined(1)));
    assertThat(first.get(15, TimeUnit.SECONDS).deliveries()).containsExactly(new Delivery(1, joined(1)));
  }

  private Instant leaseUntil(Participant participant) {
    Document lease = mongo.getCollection("polls").find(new Document("_id", participant.participantId())).first();
    return lease.getDate("leaseUntil").toInstant();
  }

  @Test
  void aLeaseLeftByADeadInstanceExpires() {
    Participant ada = join(newSession(), "Ada");
    publishJoined(ada, 1, 1);
    Instant now = clock.instant();
    mongo.getCollection("polls").insertOne(new Document("_id", ada.participantId())
        .append("acked", 0L).append("leaseOwner", "a-dead-instance").append("leaseUntil", Date.from(now.plusSeconds(30))));

    assertThat(api.poll(ada, 0, 0).status()).isEqualTo(409);
    clock.advance(Duration.ofSeconds(31));
    assertThat(api.messages(ada, 0)).containsExactly(new Delivery(1, joined(1)));
  }

  @Test
  void anUnreadableMessageIsDeliveredAsAnErrorAndDoesNotWedgeTheQueue() {
    Participant ada = join(newSession(), "Ada");
    Broker.publish("", queue(ada), "not json".getBytes(StandardCharsets.UTF_8));
    Broker.publishToQueue(queue(ada), "{\"type\":\"fromTheFuture\",\"x\":1}");
    Broker.publishToQueue(queue(ada), json(joined(3)));
    Broker.publishToQueue(queue(ada), "{\"type\":\"participantJoined\",\"participantId\":\"p4\",\"name\":\"n4\",\"newField\":true}");

    List<Delivery> deliveries = api.messages(ada, 0);
    assertThat(deliveries).extracting(Delivery::seq).containsExactly(1L, 2L, 3L, 4L);
    assertThat(deliveries.get(0).message()).isInstanceOfSatisfying(RequestFailed.class, error -> {
      assertThat(error.request()).isEqualTo("unknown");
      assertThat(error.code()).isEqualTo("UNREADABLE_MESSAGE");
    });
    assertThat(deliveries.get(1).message()).isInstanceOf(RequestFailed.class);
    assertThat(deliveries.get(2).message()).isEqualTo(joined(3));
    assertThat(deliveries.get(3).message()).as("unknown fields are ignored").isEqualTo(joined(4));

    assertThat(api.messages(ada, 4)).isEmpty();
    assertThat(Broker.readyCount(queue(ada))).isZero();
  }

  @Test
  void theWireFormatIsAJsonArrayOfSeqAndTypedMessage() {
    Participant ada = join(newSession(), "Ada");
    publishJoined(ada, 1, 1);
    ApiClient.Response response = api.poll(ada, 0, 0);
    assertThat(response.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(ApiClient.JSON.readTree(response.body()))
        .isEqualTo(ApiClient.JSON.readTree("[{\"seq\":1,\"message\":{\"type\":\"participantJoined\",\"participantId\":\"p1\",\"name\":\"n1\"}}]"));
  }

  @Test
  void aQueueDeletedDuringALongPollEndsThePollAndLaterPollsAre404() throws Exception {
    Participant ada = join(newSession(), "Ada");
    CompletableFuture<ApiClient.Response> poll = CompletableFuture.supplyAsync(() -> api.poll(ada, 0, 20));
    awaitTrue(() -> Broker.consumerCount(queue(ada)) == 1, "the long poll is waiting on the queue");

    Broker.deleteQueue(queue(ada));
    ApiClient.Response ended = poll.get(15, TimeUnit.SECONDS);
    assertThat(ended.status()).as(ended.body()).isIn(200, 404);
    assertThat(api.poll(ada, 0, 0).error().code()).isEqualTo("PARTICIPANT_NOT_FOUND");
  }

  @Test
  void aPollOfAnUnknownParticipantIs404AndLeavesNoTrace() {
    String sid = newSession();
    String pid = Ids.random();
    Participant ghost = new Participant(sid, pid, tokens.issue(sid, pid, dev.switchboard.contracts.rest.ParticipantRight.all()).token());
    ApiClient.Response response = api.poll(ghost, 0, 0);
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.error().code()).isEqualTo("PARTICIPANT_NOT_FOUND");
    assertThat(mongo.getCollection("polls").countDocuments(new Document("_id", pid))).isZero();
  }

  @Test
  void invalidPollParametersAre400() {
    Participant ada = join(newSession(), "Ada");
    for (String query : List.of("after=-1", "wait=-1", "after=abc", "wait=1.5")) {
      ApiClient.Response response = api.get(ada.path() + "/messages?" + query, ada.token());
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(response.error().code()).as(query).isEqualTo("INVALID_PARAMETER");
    }
  }

  @Test
  void theSecondInstanceExposesPollMetricsToPrometheus() {
    Participant ada = join(newSession(), "Ada");
    other.messages(ada, 0);
    ApiClient.Response metrics = other.get("/actuator/prometheus", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("switchboard_api_poll_seconds_count", "http_server_requests_seconds");
  }

  private static String queue(Participant p) {
    return Topology.userQueue(p.participantId());
  }

  private static ParticipantJoined joined(int i) {
    return new ParticipantJoined("p" + i, "n" + i);
  }

  private static String json(ParticipantMessage message) {
    return ApiClient.JSON.writerFor(ParticipantMessage.class).writeValueAsString(message);
  }

  /** Publishes participantJoined messages number {@code from} to {@code to} directly to the participant's queue. */
  private static void publishJoined(Participant p, int from, int to) {
    for (int i = from; i <= to; i++) {
      Broker.publishToQueue(queue(p), json(joined(i)));
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
      Broker.pause();
    }
  }
}
