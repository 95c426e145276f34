package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.switchboard.contracts.SessionDocument;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.bus.Command;
import dev.switchboard.contracts.bus.JoinSession;
import dev.switchboard.contracts.bus.ProcessOffer;
import dev.switchboard.contracts.messages.Answer;
import dev.switchboard.contracts.messages.ExistingParticipants;
import dev.switchboard.contracts.messages.ParticipantMessage;
import dev.switchboard.contracts.messages.RequestFailed;
import dev.switchboard.local.client.ApiClient;
import dev.switchboard.local.support.Fixtures;
import dev.switchboard.local.support.TestCluster;
import dev.switchboard.local.support.TestParticipant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The control plane under concurrency: one session hammered from both api instances, candidates
 * that arrive before their offer, and commands delivered twice. No lost update in MongoDB, no
 * duplicate endpoint or pipeline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrencyIntegrationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private TestCluster cluster;
  private MongoClient mongo;

  @BeforeAll
  void start() {
    cluster = new TestCluster(2, 3);
    mongo = MongoClients.create(cluster.mongo.uri());
  }

  @AfterAll
  void stop() {
    if (mongo != null) {
      mongo.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void oneSessionHammeredFromBothApis_losesNoParticipantAndCreatesNoDuplicate() throws Exception {
    int objectsBefore = cluster.mediaNode.objectCount();
    String sid = cluster.client.createSession(cluster.apiUrl(0));
    int people = 12;
    ExecutorService pool = Executors.newFixedThreadPool(people);
    try {
      List<Future<TestParticipant>> joins = new ArrayList<>();
      for (int i = 0; i < people; i++) {
        int index = i;
        joins.add(pool.submit(() -> {
          TestParticipant p = TestParticipant.join(cluster, index, sid, "p" + index);
          p.offer(p.participantId, Fixtures.chromiumOffer("sendonly"));
          p.await(Answer.class, a -> a.target().equals(p.participantId), TIMEOUT);
          return p;
        }));
      }
      for (Future<TestParticipant> f : joins) {
        assertThat(f.get().receivedOf(RequestFailed.class)).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cluster.client.session(cluster.apiUrl(1), sid).participants()).hasSize(people);
    assertThat(cluster.mediaNode.objectCount() - objectsBefore).as("one pipeline and one publisher each").isEqualTo(1 + people);
  }

  @Test
  void candidatesBeforeTheOffer_areKeptThenApplied() {
    String sid = cluster.client.createSession(cluster.apiUrl(1));
    TestParticipant p = TestParticipant.join(cluster, 0, sid, "early-bird");
    p.await(ExistingParticipants.class, e -> true, TIMEOUT);
    p.candidate(p.participantId, "candidate:1 1 udp 2122260223 192.0.2.2 44349 typ host generation 0", "0", 0);
    p.candidate(p.participantId, "candidate:2 1 udp 2122194687 192.0.2.2 44350 typ host generation 0", "1", 1);
    awaitTrue(() -> !pendingCandidates(sid, p.participantId).isEmpty(), "candidates stored before the offer");

    p.offer(p.participantId, Fixtures.chromiumOffer("sendonly"));
    p.await(Answer.class, a -> a.target().equals(p.participantId), TIMEOUT);

    awaitTrue(() -> pendingCandidates(sid, p.participantId).isEmpty(), "pending candidates applied and removed");
    assertThat(p.receivedOf(RequestFailed.class)).isEmpty();
  }

  @Test
  void commandsDeliveredTwice_areHandledOnce() throws Exception {
    int objectsBefore = cluster.mediaNode.objectCount();
    String sid = cluster.client.createSession(cluster.apiUrl(0));
    TestParticipant first = TestParticipant.join(cluster, 0, sid, "first");
    first.await(ExistingParticipants.class, e -> true, TIMEOUT);
    String pid = "raw-" + UUID.randomUUID().toString().substring(0, 8);

    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setVirtualHost(System.getenv().getOrDefault("SPRING_RABBITMQ_VIRTUALHOST", "/"));
    try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
      // What the api does on a join: the participant's queue, bound to the session's fanout.
      channel.queueDeclare(Topology.userQueue(pid), true, false, false, Topology.userQueueArguments());
      cluster.client.createdParticipants.add(pid); // deleted with the cluster
      channel.queueBind(Topology.userQueue(pid), Topology.sessionExchange(sid), "");
      JoinSession join = new JoinSession(UUID.randomUUID().toString(), sid, pid, "twice", Instant.now());
      publishTwice(channel, join);
      awaitTrue(() -> participants(sid).stream().filter(pid::equals).count() == 1, "participant joined");

      ProcessOffer offer = new ProcessOffer(UUID.randomUUID().toString(), sid, pid, pid,
          Fixtures.chromiumOffer("sendonly"), Instant.now());
      publishTwice(channel, offer);
      List<ParticipantMessage> messages = new ArrayList<>();
      awaitTrue(() -> {
        drain(channel, Topology.userQueue(pid), messages);
        return messages.stream().anyMatch(m -> m instanceof Answer a && a.target().equals(pid));
      }, "answer to the duplicated offer");
      // Let any second handling finish before counting.
      Thread.sleep(500);
      drain(channel, Topology.userQueue(pid), messages);

      assertThat(participants(sid)).filteredOn(pid::equals).hasSize(1);
      assertThat(cluster.mediaNode.objectCount() - objectsBefore).as("one pipeline, one publisher").isEqualTo(2);
      assertThat(messages).noneMatch(m -> m instanceof RequestFailed);
      assertThat(messages.stream().filter(m -> m instanceof Answer).map(m -> ((Answer) m).sdp()).distinct())
          .as("a repeated answer is the same answer").hasSize(1);
    }
  }

  private static void publishTwice(Channel channel, Command command) throws Exception {
    byte[] body = ApiClient.JSON.writeValueAsBytes(command);
    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
        .contentType("application/json").deliveryMode(2).messageId(command.commandId()).build();
    for (int i = 0; i < 2; i++) {
      channel.basicPublish("", Topology.sessionQueue(command.sessionId()), props, body);
    }
  }

  private static void drain(Channel channel, String queue, List<ParticipantMessage> into) {
    try {
      GetResponse r;
      while ((r = channel.basicGet(queue, true)) != null) {
        into.add(ApiClient.JSON.readValue(new String(r.getBody(), StandardCharsets.UTF_8), ParticipantMessage.class));
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> participants(String sid) {
    Document doc = mongo.getDatabase("switchboard").getCollection(Topology.SESSIONS_COLLECTION)
        .find(new Document(SessionDocument.ID, sid)).first();
    if (doc == null) {
      return List.of();
    }
    return doc.getList(SessionDocument.PARTICIPANTS, Document.class).stream()
        .map(p -> p.getString(SessionDocument.PARTICIPANT_ID)).toList();
  }

  private List<Document> pendingCandidates(String sid, String pid) {
    Document doc = mongo.getDatabase("switchboard").getCollection(Topology.SESSIONS_COLLECTION)
        .find(new Document(SessionDocument.ID, sid)).first();
    if (doc == null) {
      return List.of();
    }
    return doc.getList(SessionDocument.PARTICIPANTS, Document.class).stream()
        .filter(p -> pid.equals(p.getString(SessionDocument.PARTICIPANT_ID)))
        .flatMap(p -> p.getList("pendingCandidates", Document.class, List.of()).stream())
        .toList();
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + TIMEOUT + ": " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
