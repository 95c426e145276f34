package dev.switchboard.loadtest.signalling;

/**
 * CPU and memory of one process over a measured run; immutable.
 *
 * @param name    cluster name (api-1, wrapper-2, medianode-1, mongo) or "load generator"
 * @param cores   CPU seconds used per wall second over the measured run
 * @param maxRssMb largest resident set seen by the 1 s samples
 */
public record ProcessUsage(String name, double cores, double maxRssMb) {
}
