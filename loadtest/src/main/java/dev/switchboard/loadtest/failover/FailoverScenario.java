package dev.switchboard.loadtest.failover;

import dev.switchboard.loadtest.cluster.BrokerCleanup;
import dev.switchboard.loadtest.cluster.CallParticipant;
import dev.switchboard.local.LocalCluster;
import dev.switchboard.local.client.ApiClient;
import dev.switchboard.webrtc.peer.PeerReceivers;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The failover benchmark: a local cluster, sessions of headless participants that publish synthetic
 * media and receive each other, then {@code runs} times: wait until all media flows, SIGKILL the
 * medianode holding the most sessions, time each affected participant's way back (notice, answers,
 * ICE/DTLS, first packet on every new receiving connection), restart the node and wait until every
 * wrapper is connected to it again. Every wait is bounded, and so is the whole. Runs on the
 * caller's thread; participants react on their own virtual threads.
 */
final class FailoverScenario {
  /** Everything measured, or why it stopped early. */
  record Outcome(List<RunOutcome> runs, String error, Path clusterDir, List<String> notes) {}

  private static final Duration NEGOTIATE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration FLOWING_WAIT = Duration.ofSeconds(30);
  private static final Duration HEALTHY_WAIT = Duration.ofSeconds(45);

  private final FailoverLoad load;
  private final String amqpUri;
  private final Consumer<String> progress;
  private final long deadline;

  FailoverScenario(FailoverLoad load, String amqpUri, Consumer<String> progress) {
    this.load = load;
    this.amqpUri = amqpUri;
    this.progress = progress;
    this.deadline = System.nanoTime() + load.totalDeadline().toNanos();
  }

  Outcome run(Path clusterDir) {
    List<RunOutcome> runs = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<MovingParticipant> people = new ArrayList<>();
    LocalCluster cluster = null;
    ApiClient api = null;
    try (PeerReceivers receivers = new PeerReceivers("failover-receivers")) {
      progress.accept("failover: starting %d api, %d wrapper, %d medianode processes (wrapper JVM options: %s)"
          .formatted(load.apis(), load.wrappers(), load.medianodes(),
              System.getProperty("switchboard.cluster.jvm-options.wrapper", "default")));
      cluster = LocalCluster.start(new LocalCluster.Spec(load.apis(), load.wrappers(), load.medianodes(), 0,
          clusterDir, amqpUri), System.out);
      awaitWrappersConnected(cluster);
      api = new ApiClient(cluster.applicationKey());
      try (SessionBindings bindings = new SessionBindings(cluster.mongoUri())) {
        List<String> sessions = setUpCalls(cluster.url(), api, receivers, people);
        try (MediaPacer ignored = new MediaPacer(people.stream().map(MovingParticipant::publisherSlot).toList(),
            deadline)) {
          people.forEach(MovingParticipant::receiveOthers);
          people.forEach(MovingParticipant::startWatching);
          notes.add("placement before the first kill: " + bindings.read(sessions));
          for (int number = 1; number <= load.runs(); number++) {
            if (System.nanoTime() - deadline > 0) {
              notes.add("stopped after " + (number - 1) + " runs: total deadline " + load.totalDeadline());
              break;
            }
            RunOutcome run = oneRun(number, cluster, bindings, sessions, people);
            runs.add(run);
            progress.accept("failover: run %d/%d killed %s: media back for all %d participants after %s ms%s"
                .formatted(number, load.runs(), run.victim(), run.participants().size(),
                    run.mediaBack() < 0 ? "-" : Math.round(run.mediaBack()),
                    run.error() == null ? "" : " (" + run.error() + ")"));
          }
        }
      }
      return new Outcome(withLanes(runs, clusterDir), null, clusterDir, notes);
    } catch (Exception e) {
      progress.accept("failover: stopped: " + e);
      return new Outcome(withLanes(runs, clusterDir), e.toString(), clusterDir, notes);
    } finally {
      people.forEach(MovingParticipant::close);
      if (cluster != null) {
        cluster.close();
      }
      int deleted = api == null ? 0 : BrokerCleanup.delete(amqpUri, api.createdSessions, api.createdParticipants);
      progress.accept("failover: cluster stopped; " + deleted + " broker objects deleted");
    }
  }

  /** Each run with the wrappers' offer lanes from kill until its slowest participant had media again. */
  private static List<RunOutcome> withLanes(List<RunOutcome> runs, Path clusterDir) {
    Path logs = clusterDir.resolve("cluster").resolve("logs");
    return runs.stream().map(r -> r.withLanes(OfferLanes.read(logs, r.killedAt(),
        r.killedAt().plusMillis(Math.round(Math.max(r.mediaBack(), 0) + 200))))).toList();
  }

  /** Creates the sessions, joins everyone and publishes; returns the session ids. */
  private List<String> setUpCalls(String front, ApiClient api, PeerReceivers receivers, List<MovingParticipant> people) {
    List<String> sessions = new ArrayList<>();
    for (int s = 0; s < load.sessions(); s++) {
      String sid = api.createSession(front);
      sessions.add(sid);
      List<CallParticipant> calls = new ArrayList<>();
      for (int p = 0; p < load.participants(); p++) {
        calls.add(CallParticipant.join(api, front, sid, "s" + (s + 1) + "p" + (p + 1)));
      }
      for (CallParticipant call : calls) {
        List<String> others = calls.stream().filter(c -> c != call).map(c -> c.participantId).toList();
        MovingParticipant person = new MovingParticipant(call, others, receivers, NEGOTIATE_TIMEOUT);
        people.add(person);
        person.publish();
      }
    }
    progress.accept("failover: %d sessions of %d participants joined and publishing".formatted(load.sessions(),
        load.participants()));
    return sessions;
  }

  private RunOutcome oneRun(int number, LocalCluster cluster, SessionBindings bindings, List<String> sessions,
      List<MovingParticipant> people) throws Exception {
    double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    awaitAllFlowing(people);
    Map<String, SessionBindings.Binding> before = bindings.read(sessions);
    String victim = before.values().stream().collect(Collectors.groupingBy(SessionBindings.Binding::server,
        Collectors.counting())).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    List<String> affected = before.entrySet().stream().filter(e -> e.getValue().server().equals(victim))
        .map(Map.Entry::getKey).toList();
    List<MovingParticipant> watched = people.stream().filter(p -> affected.contains(p.call.sessionId)).toList();

    Instant killedAt = Instant.now();
    long killed = System.nanoTime();
    cluster.kill(victim);
    CompletableFuture<Map<String, Long>> moved = CompletableFuture.supplyAsync(
        () -> awaitEpochsMoved(bindings, affected, before, killed), r -> Thread.ofVirtual().start(r));
    List<ParticipantOutcome> outcomes = new ArrayList<>();
    String error = null;
    for (MovingParticipant person : watched) {
      MovingParticipant.Recovery r = person.recoveryAfter(killed, load.recoveryWait());
      Map<String, Long> epochs = moved.get(load.recoveryWait().toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      outcomes.add(outcome(number, person, r, epochs.getOrDefault(person.call.sessionId, -1L), killed));
      if (r == null || !r.complete()) {
        error = "a participant did not recover";
      }
    }
    Map<String, SessionBindings.Binding> after = bindings.read(sessions);
    Map<String, String> movedTo = new LinkedHashMap<>();
    affected.forEach(sid -> movedTo.put(sid, after.get(sid).server() + "@epoch" + after.get(sid).epoch()));
    long restartFrom = System.nanoTime();
    cluster.restart(victim);
    awaitWrappersConnected(cluster);
    double restartMillis = millis(System.nanoTime() - restartFrom);
    return new RunOutcome(number, killedAt, victim, movedTo, outcomes, restartMillis, load1, error, null);
  }

  private static ParticipantOutcome outcome(int run, MovingParticipant person, MovingParticipant.Recovery r,
      long epochMovedNanos, long killed) {
    String name = person.call.name;
    double moved = epochMovedNanos < 0 ? -1 : millis(epochMovedNanos - killed);
    if (r == null) {
      return new ParticipantOutcome(run, name, person.call.sessionId, moved, -1, -1, -1, -1, List.of(), 0,
          "no mediaServerLost");
    }
    long answered = r.legs().stream().mapToLong(MovingParticipant.Leg::answered).max().orElse(0);
    long connected = r.legs().stream().mapToLong(MovingParticipant.Leg::connected).max().orElse(0);
    // Its media are back when it receives every other participant and its own publishing connection is up.
    long back = r.legs().stream().mapToLong(MovingParticipant.Leg::firstPacket).max().orElse(0);
    List<Double> offers = r.legs().stream().filter(l -> l.answered() > 0).map(l -> millis(l.answered() - l.offerSent()))
        .toList();
    String error = r.legs().stream().filter(l -> l.error() != null).map(l -> l.target() + ": " + l.error())
        .collect(Collectors.joining("; "));
    return new ParticipantOutcome(run, name, person.call.sessionId, moved, millis(r.lostReceived() - killed),
        answered == 0 ? -1 : millis(answered - killed), connected == 0 ? -1 : millis(connected - killed),
        r.complete() ? millis(back - killed) : -1, offers,
        (int) r.legs().stream().filter(l -> l.attempts() > 1).count(), error.isEmpty() ? null : error);
  }

  /** When each affected session's stored epoch grew (System.nanoTime), polled every 20 ms. */
  private Map<String, Long> awaitEpochsMoved(SessionBindings bindings, List<String> affected,
      Map<String, SessionBindings.Binding> before, long killed) {
    Map<String, Long> moved = new HashMap<>();
    long until = killed + load.recoveryWait().toNanos();
    while (moved.size() < affected.size() && System.nanoTime() - until < 0) {
      Map<String, SessionBindings.Binding> now = bindings.read(affected);
      long at = System.nanoTime();
      now.forEach((sid, b) -> {
        if (b.epoch() > before.get(sid).epoch()) {
          moved.putIfAbsent(sid, at);
        }
      });
      sleep(20);
    }
    return moved;
  }

  /** Every receiving connection's packet count grows between two samples 300 ms apart. */
  private void awaitAllFlowing(List<MovingParticipant> people) {
    long until = System.nanoTime() + FLOWING_WAIT.toNanos();
    Map<MovingParticipant, long[]> previous = new HashMap<>();
    people.forEach(p -> previous.put(p, p.receivedPackets()));
    while (System.nanoTime() - until < 0) {
      sleep(300);
      boolean all = true;
      for (MovingParticipant p : people) {
        long[] now = p.receivedPackets();
        long[] was = previous.put(p, now);
        for (int i = 0; i < now.length; i++) {
          all &= now[i] > was[i] && was[i] >= 0;
        }
      }
      if (all) {
        return;
      }
    }
    throw new IllegalStateException("media did not flow on every connection within " + FLOWING_WAIT + ": "
        + people.stream().map(p -> p.call.name + Arrays.toString(p.receivedPackets())).toList());
  }

  /** Every wrapper's Kurento clients are connected to every medianode, so a run measures one failure only. */
  private void awaitWrappersConnected(LocalCluster cluster) {
    int servers = cluster.mediaServerUrls().size();
    ApiClient http = new ApiClient(cluster.applicationKey());
    long until = System.nanoTime() + HEALTHY_WAIT.toNanos();
    while (System.nanoTime() - until < 0) {
      boolean all = true;
      for (Map.Entry<String, URI> e : cluster.serviceUrls().entrySet()) {
        if (e.getKey().startsWith("wrapper-")) {
          all &= connectedServers(http, e.getValue()) == servers;
        }
      }
      if (all) {
        return;
      }
      sleep(200);
    }
    throw new IllegalStateException("not every wrapper connected to all " + servers + " medianodes within "
        + HEALTHY_WAIT);
  }

  private static int connectedServers(ApiClient http, URI wrapper) {
    try {
      ApiClient.Reply reply = http.send(wrapper.toString(), "GET", "/actuator/prometheus", null, null);
      double sum = 0;
      for (String line : reply.body().split("\n")) {
        if (line.startsWith("switchboard_wrapper_media_servers_connected")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return (int) sum;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
