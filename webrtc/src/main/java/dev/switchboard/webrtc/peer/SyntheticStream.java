package dev.switchboard.webrtc.peer;

import dev.switchboard.webrtc.rtp.RtpWriter;

/**
 * Makes synthetic RTP packets (RFC 3550 §5.1) whose payload starts with a marker and the sender's
 * {@link System#nanoTime()}, so a receiver in the same process can measure one-way latency
 * through an SFU that does not touch payloads. One instance per stream; not thread-safe.
 */
public final class SyntheticStream {
  /** "SWBD": tells a timestamped synthetic payload from real media. */
  static final int MAGIC = 0x53574244;
  static final int STAMP_BYTES = 12;

  private final int payloadBytes;
  private final int timestampStep;
  private final RtpWriter writer = new RtpWriter();
  private int sequence;
  private long timestamp;

  /**
   * @param payloadBytes  payload size, at least {@value #STAMP_BYTES}
   * @param timestampStep RTP clock ticks between packets (e.g. 960 for 20 ms of Opus, 3000 for a 30 fps frame)
   */
  public SyntheticStream(long ssrc, int payloadType, int payloadBytes, int timestampStep, int firstSequence) {
    if (payloadBytes < STAMP_BYTES || payloadBytes > 1400) {
      throw new IllegalArgumentException("payload must be 12..1400 bytes, got " + payloadBytes);
    }
    this.payloadBytes = payloadBytes;
    this.timestampStep = timestampStep;
    this.sequence = firstSequence & 0xFFFF;
    writer.ssrc(ssrc).payloadType(payloadType);
  }

  /** Writes the next packet into {@code buf} at 0, stamped with {@code nowNanos}; returns its length. */
  public int next(byte[] buf, long nowNanos) {
    int header = writer.sequenceNumber(sequence).timestamp(timestamp).writeHeader(buf, 0);
    writeInt(buf, header, MAGIC);
    writeLong(buf, header + 4, nowNanos);
    for (int i = header + STAMP_BYTES; i < header + payloadBytes; i++) {
      buf[i] = (byte) i;
    }
    sequence = (sequence + 1) & 0xFFFF;
    timestamp = (timestamp + timestampStep) & 0xFFFF_FFFFL;
    return header + payloadBytes;
  }

  /** The send time stamped in a synthetic payload, or -1 if the payload is not one of ours. */
  static long stampOf(byte[] buf, int payloadOffset, int payloadLength) {
    if (payloadLength < STAMP_BYTES || readInt(buf, payloadOffset) != MAGIC) {
      return -1;
    }
    return ((long) readInt(buf, payloadOffset + 4) << 32) | (readInt(buf, payloadOffset + 8) & 0xFFFF_FFFFL);
  }

  private static void writeInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  private static void writeLong(byte[] b, int off, long v) {
    writeInt(b, off, (int) (v >>> 32));
    writeInt(b, off + 4, (int) v);
  }

  private static int readInt(byte[] b, int off) {
    return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
  }
}
