package dev.switchboard.loadtest.scale;

import dev.switchboard.local.LocalCluster;
import dev.switchboard.local.ScratchRabbit;
import dev.switchboard.local.client.ApiClient;
import dev.switchboard.loadtest.ProcessStats;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ramp of the scale scenario: a scratch RabbitMQ node and a fresh local cluster with a given
 * number of wrappers, sessions of idle participants added step by step (cumulatively: each step
 * adds sessions to the ones held, so one ramp gives the growth curve and 10,000 sessions cost 10,000
 * creations, not 11,100), and after each step a steady-state reading of every process, the broker
 * and MongoDB. The first step that fails or overruns ends the ramp. Everything is cleaned up at the
 * end: participants leave (for at most two minutes), the cluster stops and its MongoDB file is
 * deleted (logs and JFR recordings stay), the broker stops and its folder is deleted. Used by one
 * thread.
 */
final class ScaleScenario {
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
  private static final Duration REFRESH_AGE = Duration.ofMinutes(4);
  /** Leaving is clean-up only (the broker and MongoDB go away with their folders), so it is kept short. */
  private static final Duration LEAVE_LIMIT = Duration.ofMinutes(2);

  /** The steps measured, and an error that prevented the ramp (start-up), or null. */
  record Outcome(int wrappers, List<ScaleStep> steps, String error) {}

  private final ScaleOptions options;
  private final Path workDir;
  private final PrintStream out;

  ScaleScenario(ScaleOptions options, Path workDir, PrintStream out) {
    this.options = options;
    this.workDir = workDir;
    this.out = out;
  }

  Outcome run(int wrappers, long deadlineNanos) {
    List<ScaleStep> steps = new ArrayList<>();
    Path dir = workDir.resolve("w" + wrappers);
    configureJvms(dir);
    ScratchRabbit rabbit = null;
    try {
      rabbit = ScratchRabbit.start(dir.resolve("rabbit"), new ScratchRabbit.Options("scale",
          options.brokerMaxOpenFiles()));
      int granted = new BrokerProbe(rabbit).read().fileDescriptorLimit();
      out.printf("scale: scratch RabbitMQ at %s, open-files limit asked %d, broker's file-handle limit %d%s%n",
          rabbit.amqpUri(), options.brokerMaxOpenFiles(), granted, granted < options.brokerMaxOpenFiles() * 0.9
              ? " (the hard limit here is lower; raising it needs CAP_SYS_RESOURCE)" : "");
      ScratchRabbit broker = rabbit;
      try (LocalCluster cluster = LocalCluster.start(new LocalCluster.Spec(options.apis(), wrappers, 1, 0,
          dir.resolve("data"), rabbit.amqpUri()), out)) {
        // Interrupted (Ctrl-C, TERM): the services and the broker are separate processes; stop them too.
        Thread stopOnExit = new Thread(() -> {
          cluster.close();
          broker.close();
        });
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        IdleSessions load = new IdleSessions(new ApiClient(cluster.applicationKey()), cluster.url(), options.participants(),
            options.concurrency(), !options.keepUnread());
        try {
          ramp(wrappers, cluster, rabbit, load, steps, deadlineNanos);
        } finally {
          load.leaveAll(LEAVE_LIMIT, out);
          Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
      }
      return new Outcome(wrappers, steps, null);
    } catch (Exception | Error e) {
      out.println("scale: " + wrappers + " wrapper(s) failed: " + e);
      return new Outcome(wrappers, steps, e.toString());
    } finally {
      deleteQuietly(dir.resolve("data").resolve("cluster").resolve("mongo.mv"));
      if (rabbit != null) {
        try {
          rabbit.closeAndDelete();
        } catch (Exception e) {
          out.println("scale: could not delete the scratch broker folder: " + e);
        }
      }
    }
  }

  private void deleteQuietly(Path file) {
    try {
      java.nio.file.Files.deleteIfExists(file);
    } catch (java.io.IOException e) {
      out.println("scale: could not delete " + file + ": " + e);
    }
  }

  private void ramp(int wrappers, LocalCluster cluster, ScratchRabbit rabbit, IdleSessions load,
      List<ScaleStep> steps, long deadlineNanos) throws Exception {
    BrokerProbe broker = new BrokerProbe(rabbit);
    for (int target : options.sessionSteps()) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        out.println("scale: --max-seconds reached before the step of " + target + " sessions");
        return;
      }
      Map<String, Long> pids = pids(cluster, rabbit);
      Map<String, Double> cpuBefore = cpu(pids);
      String label = wrappers + " wrapper(s), step " + target;
      int before = load.sessions();
      Duration limit = Duration.ofNanos(Math.min(left, options.stepTime().toNanos()));
      IdleSessions.Ramp ramp = load.rampTo(target, limit, Math.max(3, (target - before) / 100), out, label);
      Map<String, Double> cpuAfter = cpu(pids);
      int refreshed = load.refresh(REFRESH_AGE);
      if (refreshed > 0) {
        out.printf("  polled %d participants idle for over %s (user queues expire after 10 min)%n", refreshed,
            REFRESH_AGE);
      }
      settle(broker, load.sessions() * (long) wrappers);
      String limitHit = null;
      if (ramp.timedOut()) {
        limitHit = "time: the step did not finish within " + limit.toSeconds() + " s";
      } else if (ramp.failed() > 0) {
        limitHit = ramp.failed() + " sessions failed: " + ramp.firstError();
      }
      steps.add(measure(wrappers, target, load, ramp, pids, cpuBefore, cpuAfter, broker, cluster));
      ScaleStep step = steps.getLast();
      if (limitHit != null) {
        steps.set(steps.size() - 1, new ScaleStep(step.wrappers(), step.targetSessions(), step.sessions(),
            step.participants(), step.createSeconds(), step.failedSessions(), step.firstError(), limitHit,
            step.processes(), step.broker(), step.mongo(), step.histograms()));
      }
      printStep(steps.getLast());
      if (limitHit != null) {
        out.println("scale: largest load held with " + wrappers + " wrapper(s): " + before + " sessions before this"
            + " step (" + limitHit + ")");
        return;
      }
    }
  }

  /** Waits (bounded) until every wrapper consumes every live session's queue, so the reading is steady. */
  private void settle(BrokerProbe broker, long expectedConsumers) throws Exception {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (broker.read().sessionConsumers() >= expectedConsumers) {
        return;
      }
      Thread.sleep(2000);
    }
    out.println("  consumers on session queues still below " + expectedConsumers + " after " + SETTLE_LIMIT);
  }

  private ScaleStep measure(int wrappers, int target, IdleSessions load, IdleSessions.Ramp ramp,
      Map<String, Long> pids, Map<String, Double> cpuBefore, Map<String, Double> cpuAfter, BrokerProbe broker,
      LocalCluster cluster) throws Exception {
    Map<String, Double> idleStart = cpu(pids);
    long idleStartNanos = System.nanoTime();
    Thread.sleep(options.idleWindow().toMillis());
    Map<String, Double> idleEnd = cpu(pids);
    double idleSeconds = (System.nanoTime() - idleStartNanos) / 1e9;
    Map<String, ScaleStep.ProcessReading> readings = new LinkedHashMap<>();
    Map<String, String> histograms = new LinkedHashMap<>();
    for (Map.Entry<String, Long> p : pids.entrySet()) {
      String name = p.getKey();
      long pid = p.getValue();
      JvmProbe.Heap heap = name.equals("broker") ? new JvmProbe.Heap(0, 0, 0) : JvmProbe.afterGc(pid);
      readings.put(name, new ScaleStep.ProcessReading(ProcessStats.rssBytes(pid) / 1e6, heap.usedBytes() / 1e6,
          heap.committedBytes() / 1e6, heap.metaspaceBytes() / 1e6,
          100 * (idleEnd.get(name) - idleStart.get(name)) / idleSeconds, cpuAfter.get(name) - cpuBefore.get(name)));
      if (options.profile() && name.startsWith("wrapper-")) {
        histograms.put(name, JvmProbe.classHistogram(pid, 25));
      }
    }
    return new ScaleStep(wrappers, target, load.sessions(), load.members(), ramp.seconds(), ramp.failed(),
        ramp.firstError(), null, readings, broker.read(), MongoProbe.read(cluster.mongoUri()), histograms);
  }

  private void printStep(ScaleStep s) {
    ScaleStep.ProcessReading w = s.processes().get("wrapper-1");
    out.printf("scale: %d wrapper(s) %d sessions %d participants in %.0f s | wrapper-1 RSS %.0f MB heap %.1f MB"
            + " | broker %d queues, %d consumers on session queues, %d connections, %d channels, %.0f MB, %d fds"
            + " | MongoDB %.0f KB%s%n", s.wrappers(), s.sessions(), s.participants(), s.createSeconds(), w.rssMb(),
        w.heapUsedMb(), s.broker().sessionQueues() + s.broker().userQueues() + s.broker().otherQueues(),
        s.broker().sessionConsumers(), s.broker().connections(), s.broker().channels(),
        s.broker().erlangMemoryBytes() / 1e6, s.broker().fileDescriptors(), s.mongoBytes() / 1e3,
        s.held() ? "" : " | LIMIT: " + s.limit());
  }

  private static Map<String, Long> pids(LocalCluster cluster, ScratchRabbit rabbit) {
    Map<String, Long> pids = new LinkedHashMap<>();
    for (String name : cluster.names()) {
      pids.put(name, cluster.pid(name));
    }
    pids.put("broker", rabbit.beamPid());
    // The bench JVM holds the api front (a reverse proxy) and the load's HTTP clients.
    pids.put("bench", ProcessHandle.current().pid());
    return pids;
  }

  private static Map<String, Double> cpu(Map<String, Long> pids) {
    Map<String, Double> cpu = new LinkedHashMap<>();
    pids.forEach((name, pid) -> cpu.put(name, ProcessStats.cpuSeconds(pid)));
    return cpu;
  }

  /** Every child JVM gets the scenario's heap ceiling; with --profile, every service records JFR. */
  private void configureJvms(Path dir) {
    String jvm = "-Xmx" + options.serviceHeap();
    System.setProperty("switchboard.cluster.jvm-options", jvm);
    if (options.profile()) {
      String jfr = " -XX:StartFlightRecording=filename=" + dir.toAbsolutePath().resolve("{name}.jfr")
          + ",settings=profile";
      System.setProperty("switchboard.cluster.jvm-options.wrapper", jfr.strip());
      System.setProperty("switchboard.cluster.jvm-options.api", jfr.strip());
    }
  }
}
