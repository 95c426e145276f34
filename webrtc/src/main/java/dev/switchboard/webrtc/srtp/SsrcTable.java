package dev.switchboard.webrtc.srtp;

/**
 * The per-SSRC {@link ReplayWindow}s of one session half and packet kind, at most a fixed number
 * (RFC 3711 §3.2.3 keys a crypto context by SSRC); owned by the thread that owns its session half,
 * not thread-safe.
 *
 * <p>Bounded so a peer that invents SSRCs cannot make us allocate without end; unprotect adds an
 * SSRC only after its first packet authenticates, so strangers cannot fill it. A linear scan of at
 * most a few dozen ints is cheaper than hashing at this size and allocates nothing.
 */
final class SsrcTable {

    private final int[] ssrcs;
    private final ReplayWindow[] windows;
    private int size;

    SsrcTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        ssrcs = new int[capacity];
        windows = new ReplayWindow[capacity];
    }

    /** The window of {@code ssrc}, or null if it has none yet. */
    ReplayWindow get(int ssrc) {
        for (int i = 0; i < size; i++) {
            if (ssrcs[i] == ssrc) {
                return windows[i];
            }
        }
        return null;
    }

    boolean isFull() {
        return size == ssrcs.length;
    }

    /** A fresh window for {@code ssrc}, which must be absent while the table is not full. */
    ReplayWindow add(int ssrc) {
        if (isFull()) {
            throw new IllegalStateException("SSRC table is full");
        }
        ReplayWindow window = new ReplayWindow();
        ssrcs[size] = ssrc;
        windows[size] = window;
        size++;
        return window;
    }

    /** Drops the window of {@code ssrc}; returns whether there was one. */
    boolean remove(int ssrc) {
        for (int i = 0; i < size; i++) {
            if (ssrcs[i] == ssrc) {
                size--;
                ssrcs[i] = ssrcs[size];
                windows[i] = windows[size];
                windows[size] = null;
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }
}
