package dev.switchboard.webrtc.ice;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The candidate pairs of one ICE component of an ICE-lite agent, the pair the controlling agent
 * nominated (RFC 8445 §8.2: a lite agent takes the pair named by USE-CANDIDATE) and the resulting
 * {@link IceLiteState}, with consent per pair as in RFC 7675; confined to the media thread.
 *
 * <p>Feed it every {@link BindingOutcome.Answered} check and ask {@link #state(Instant)} on a timer;
 * the state is a function of the recorded checks and {@code now}, except that {@link IceLiteState#FAILED}
 * is final. A later USE-CANDIDATE moves the selection, which is how a full agent switches pairs.
 */
public final class IceLiteComponent {

    /** Browsers check the selected pair every 2.5 to 5 s, so 10 s of silence means several checks were lost. */
    public static final Duration DEFAULT_DISCONNECTED_AFTER = Duration.ofSeconds(10);
    /** Remote addresses remembered per component; a peer has a handful, the bound stops address spraying. */
    public static final int MAX_PAIRS = 16;

    private final Duration disconnectedAfter;
    private final Duration consentTimeout;
    private final Map<InetSocketAddress, ConsentTracker> pairs = new LinkedHashMap<>();
    private InetSocketAddress selected;
    private boolean everNominated;
    private IceLiteState state = IceLiteState.NEW;

    public IceLiteComponent() {
        this(DEFAULT_DISCONNECTED_AFTER, ConsentTracker.CONSENT_TIMEOUT);
    }

    public IceLiteComponent(Duration disconnectedAfter, Duration consentTimeout) {
        this.disconnectedAfter = Objects.requireNonNull(disconnectedAfter, "disconnectedAfter");
        this.consentTimeout = Objects.requireNonNull(consentTimeout, "consentTimeout");
        if (disconnectedAfter.isNegative() || disconnectedAfter.isZero()
                || consentTimeout.compareTo(disconnectedAfter) <= 0) {
            throw new IllegalArgumentException("need 0 < disconnectedAfter < consentTimeout, got "
                    + disconnectedAfter + " and " + consentTimeout);
        }
    }

    /**
     * Records a check from {@code remote} that {@link IceLiteResponder} answered at {@code now};
     * {@code useCandidate} nominates that pair. Returns the state afterwards.
     */
    public IceLiteState onValidRequest(InetSocketAddress remote, boolean useCandidate, Instant now) {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(now, "now");
        if (state.isTerminal()) {
            return state;
        }
        pruneExpired(now);
        ConsentTracker tracker = pairs.get(remote);
        if (tracker == null) {
            makeRoom();
            pairs.put(remote, new ConsentTracker(now, consentTimeout));
        } else {
            tracker.onRequestReceived(now);
        }
        if (useCandidate) {
            selected = remote;
            everNominated = true;
        }
        return evaluate(now);
    }

    /** The state at {@code now}; also forgets pairs whose consent expired. */
    public IceLiteState state(Instant now) {
        Objects.requireNonNull(now, "now");
        if (state.isTerminal()) {
            return state;
        }
        pruneExpired(now);
        return evaluate(now);
    }

    /**
     * Where media goes: the nominated remote address, or null before nomination and after its consent
     * expired, as of the last call to {@link #state(Instant)} or {@link #onValidRequest}.
     */
    public InetSocketAddress selectedRemote() {
        return state.isTerminal() ? null : selected;
    }

    /** Whether {@code remote} sent a valid check less than the consent timeout before {@code now}. */
    public boolean hasConsent(InetSocketAddress remote, Instant now) {
        ConsentTracker tracker = pairs.get(remote);
        return !state.isTerminal() && tracker != null && !tracker.expired(now);
    }

    /** How many remote addresses are currently remembered. */
    public int pairCount() {
        return pairs.size();
    }

    private IceLiteState evaluate(Instant now) {
        if (pairs.isEmpty()) {
            state = state == IceLiteState.NEW ? IceLiteState.NEW : IceLiteState.FAILED;
        } else if (selected != null) {
            boolean quiet = pairs.get(selected).silentFor(now).compareTo(disconnectedAfter) >= 0;
            state = quiet ? IceLiteState.DISCONNECTED : IceLiteState.CONNECTED;
        } else {
            state = everNominated ? IceLiteState.DISCONNECTED : IceLiteState.CONNECTING;
        }
        if (state.isTerminal()) {
            selected = null;
        }
        return state;
    }

    private void pruneExpired(Instant now) {
        for (Iterator<Map.Entry<InetSocketAddress, ConsentTracker>> it = pairs.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<InetSocketAddress, ConsentTracker> e = it.next();
            if (e.getValue().expired(now)) {
                it.remove();
                if (e.getKey().equals(selected)) {
                    selected = null;
                }
            }
        }
    }

    // Evicts the longest-silent pair other than the selected one, so a flood of new addresses
    // cannot push out the pair media is flowing on.
    private void makeRoom() {
        if (pairs.size() < MAX_PAIRS) {
            return;
        }
        InetSocketAddress victim = null;
        Instant oldest = null;
        for (Map.Entry<InetSocketAddress, ConsentTracker> e : pairs.entrySet()) {
            Instant last = e.getValue().lastValidRequest();
            if (!e.getKey().equals(selected) && (oldest == null || last.isBefore(oldest))) {
                victim = e.getKey();
                oldest = last;
            }
        }
        pairs.remove(victim);
    }
}
