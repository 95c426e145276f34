package dev.switchboard.loadtest.signalling;

import dev.switchboard.loadtest.ForwardLoad;
import java.time.Duration;
import java.util.List;

/**
 * The signalling scenario's load: arrivals at a fixed rate, grouped in sessions of a fixed size,
 * each publishing light synthetic media; immutable.
 *
 * @param rate        arrivals per second (the offered load)
 * @param joins       measured arrivals
 * @param sessionSize participants per session; arrival i joins session i / sessionSize
 * @param warmUpJoins unmeasured arrivals first, at a low rate, so the services' code is compiled
 * @param stepTimeout limit of every single wait of an arrival (a message, an answer, ICE/DTLS, media)
 * @param media       what each publisher sends (only its media fields are used)
 */
public record SignallingLoad(int rate, int joins, int sessionSize, int warmUpJoins, Duration stepTimeout,
                             ForwardLoad media) {
  /** Upper bounds, so a typo cannot start thousands of peers on a shared machine. */
  static final int MAX_RATE = 500;
  static final int MAX_JOINS = 5_000;
  static final int MAX_SESSION_SIZE = 12;
  /** Arrivals of the warm-up come this often: slow enough not to queue. */
  static final int WARM_UP_RATE = 10;

  public SignallingLoad {
    if (rate < 1 || rate > MAX_RATE || joins < 1 || joins > MAX_JOINS || sessionSize < 1
        || sessionSize > MAX_SESSION_SIZE || warmUpJoins < 0 || warmUpJoins > MAX_JOINS) {
      throw new IllegalArgumentException("rate 1.." + MAX_RATE + ", joins 1.." + MAX_JOINS + ", session size 1.."
          + MAX_SESSION_SIZE + " expected: " + rate + ", " + joins + ", " + sessionSize);
    }
  }

  /** Opus-like audio (50 x 100 B/s) and a modest video (150 kbit/s at 15 fps): light for the generator. */
  static ForwardLoad lightMedia() {
    return new ForwardLoad(List.of(1), 1, Duration.ZERO, Duration.ofSeconds(1), 50, 100, 150_000, 15, 1000,
        Duration.ofSeconds(10));
  }

  /** This load at another rate (the sweep). */
  SignallingLoad atRate(int newRate) {
    return new SignallingLoad(newRate, joins, sessionSize, warmUpJoins, stepTimeout, media);
  }

  /**
   * The bound of one run: the arrivals' schedule, then the longest an arrival may take (its waits:
   * messages, answers, connections, media, and holding until its session is complete), plus slack.
   */
  Duration deadline() {
    long scheduleMillis = 1000L * (joins + warmUpJoins) / Math.min(rate, WARM_UP_RATE);
    return Duration.ofMillis(scheduleMillis).plus(stepTimeout.multipliedBy(8)).plusSeconds(30);
  }
}
