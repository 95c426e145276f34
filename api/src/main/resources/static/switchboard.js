// Switchboard's browser library: joins a group call through the REST API and HTTP long polling, publishing on one connection and receiving each other participant on another.
//
// Usage (an ES module, no build step):
//
//   import { Switchboard } from './switchboard.js';
//   // Creating a session and joining need the application key (switchboard.api.application-key). A real
//   // application keeps it on its servers: its backend creates the session and joins the participant
//   // (POST /api/sessions/{sid}/participants), and the page passes joinParticipant, which asks the backend.
//   // The demo page, served by `./switchboard run`, gets the key from its link (#key=...) instead.
//   const sessionId = await Switchboard.createSession({ baseUrl, applicationKey });  // or take one from a link
//   const call = await Switchboard.join({ baseUrl, sessionId, name, localStream, applicationKey });
//   // or: Switchboard.join({ ..., joinParticipant: ({ sessionId, name }) => myBackend.join(sessionId, name) })
//   //     resolving to the api's join answer {participantId, token, tokenExpiresAt, rights}
//   call.addEventListener('participant-joined', e => e.detail.participant);  // {id, name, stream}
//   call.addEventListener('stream', e => video.srcObject = e.detail.stream); // detail: {participant, stream}
//   call.addEventListener('participant-left', e => e.detail.participant);
//   call.addEventListener('state', e => e.detail.state);   // connecting | connected | reconnecting | lost | closed
//   call.addEventListener('error', e => e.detail);         // {code, message, request}
//   call.setAudioEnabled(false); call.setVideoEnabled(false);
//   await call.reconnect();                                // after 'lost' (or any time)
//   await call.leave();
//   await call.stats();  // per remote participant: framesDecoded, audioPacketsReceived, connectionState, renegotiations;
//                        // mediaServerMoves, fullRejoins, tokenRefreshes
//
// Options (extra keys of the object given to join() or new Call(); defaults in DEFAULTS below):
//   applicationKey: the key the library joins with; joinParticipant: async ({sessionId, name}) => join answer,
//     used instead of it (called again on every rejoin). One of the two is needed.
//   The participant token (a JWT, valid for the api's token-ttl, 15 minutes by default) is refreshed at two
//   thirds of its lifetime (POST .../participants/{pid}/token); a refused refresh makes the call 'lost'.
//   pollWaitSeconds (25), maxPollFailures (7), backoffStartMs (500), backoffMaxMs (8000)
//   iceServers ([]): fixed ICE servers for every connection. Empty: the library asks the api
//     (GET .../participants/{pid}/ice-servers) for the TURN servers the operator configured and a
//     credential minted for this participant, renews it before it expires, and connects directly
//     when there are none or the request fails.
//   iceTransportPolicy ('all'): 'relay' sends media only through TURN (hides the client's addresses
//     from the media server; needs TURN configured on the api).
//   reconnectGraceMs (3000): a connection whose RTCPeerConnection goes 'disconnected' is given this long
//     to recover by itself before it is renegotiated (a new offer on a fresh RTCPeerConnection);
//     'failed' renegotiates at once.
//   maxRejoinsPerMinute (4): renegotiations of one connection in any sliding minute; one more makes the
//     call 'lost' (call.reconnect() joins again). The server has its own limit per participant
//     (REJOIN_LIMIT errors, which also make the call 'lost').
//
// Recovery: the server's 'connectionFailed' (it saw the connection lost for its own grace) renegotiates
// that connection unless it is 'connected' at that moment (or has never connected: then the notice is
// about the endpoint it replaced). 'mediaServerLost' (once per epoch) re-offers every connection on
// fresh RTCPeerConnections with the same participant id; only if that fails does the call join again.

const DEFAULTS = Object.freeze({
  // Below the api's max-poll-wait (30 s) so the server, not a proxy, ends an idle poll.
  pollWaitSeconds: 25,
  // Consecutive failed polls before the call counts as lost; with the backoff below about 30 s.
  maxPollFailures: 7,
  backoffStartMs: 500,
  backoffMaxMs: 8000,
  // A 'disconnected' connection gets this long to come back by itself before it is renegotiated.
  reconnectGraceMs: 3000,
  // Renegotiations of one connection in any sliding minute; beyond it the call is 'lost'.
  maxRejoinsPerMinute: 4,
  iceServers: [],
  iceTransportPolicy: 'all',
});

/** An HTTP answer other than 2xx, with the api's error code when it sent one. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

async function request(baseUrl, method, path, { token, body, signal, keepalive = false } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(baseUrl + path, {
    method, headers, signal, keepalive, body: body === undefined ? undefined : JSON.stringify(body),
    // Long polls and signalling must never be answered from a cache.
    cache: 'no-store',
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json?.code, json?.message);
  }
  return json;
}

const sleep = (ms, signal) => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
});

/** Creates a session with the application key and returns its id. */
export async function createSession({ baseUrl = '', applicationKey } = {}) {
  const created = await request(baseUrl, 'POST', '/api/sessions', { token: applicationKey });
  return created.sessionId;
}

/** Joins a session and starts publishing {@code localStream}; resolves once joined (media follows). */
export async function join(options) {
  const call = new Call(options);
  await call.start();
  return call;
}

/**
 * One negotiated RTCPeerConnection: the participant's own (publishing, target = self) or one
 * receiving another participant's media (target = them). Candidates that arrive before the
 * answer wait in {@code pendingCandidates}.
 */
function newOfferId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return 'o-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

class Connection {
  constructor(target, pc) {
    this.target = target;
    this.pc = pc;
    this.answered = false;
    this.pendingCandidates = [];
    this.everConnected = false;
    this.graceTimer = null;
    // Echoed in the answer: an answer to an older offer of this target (a connection replaced
    // since) must not be applied to this one.
    this.offerId = newOfferId();
  }
}

/** A joined group call; an EventTarget of 'state', 'participant-joined', 'participant-left', 'stream' and 'error'. */
export class Call extends EventTarget {
  #options;
  #base;
  #token = null;
  #refreshTimer = null;
  #tokenRefreshes = 0;
  // TURN servers from the api and when to ask again (ms since the epoch), per participant id.
  #turn = { participantId: null, iceServers: [], renewAt: 0 };
  #seq = 0;
  #failures = 0;
  #state = 'connecting';
  #stopPolling = null;
  #generation = 0;
  #connections = new Map();   // target id -> Connection
  #participants = new Map();  // remote id -> {id, name, stream}
  #renegotiationTimes = new Map();  // target id -> times (ms) of its renegotiations in the last minute
  #renegotiationCounts = new Map(); // target id -> renegotiations since the join
  #mediaServerEpoch = -1;           // the last MediaServerLost epoch handled
  #mediaServerMoves = 0;
  #fullRejoins = 0;

  constructor({ baseUrl = '', sessionId, name, localStream, ...rest }) {
    super();
    if (!sessionId) throw new TypeError('sessionId is required');
    if (!name) throw new TypeError('name is required');
    this.#options = { ...DEFAULTS, ...rest };
    this.#base = baseUrl;
    this.sessionId = sessionId;
    this.name = name;
    this.localStream = localStream ?? null;
    this.participantId = null;
  }

  get state() { return this.#state; }

  /** The other participants: {id, name, stream (null until their media arrives)}. */
  get participants() { return [...this.#participants.values()]; }

  /** Joins (again, with a new participant id) and starts the poll loop and the publishing connection. */
  async start() {
    const generation = ++this.#generation;
    this.#setState('connecting');
    const joined = this.#options.joinParticipant
      ? await this.#options.joinParticipant({ sessionId: this.sessionId, name: this.name })
      : await request(this.#base, 'POST', `/api/sessions/${encodeURIComponent(this.sessionId)}/participants`,
        { token: this.#options.applicationKey, body: { name: this.name } });
    if (generation !== this.#generation) return;
    this.participantId = joined.participantId;
    this.#token = joined.token;
    this.#scheduleTokenRefresh(generation, joined.tokenExpiresAt);
    this.#renegotiationTimes.clear();
    this.#renegotiationCounts.clear();
    this.#seq = 0;
    this.#failures = 0;
    this.#pollLoop(generation);
    await this.#connect(this.participantId);
  }

  /** Leaves and joins again: the way back after 'lost' or a lost media server. */
  async reconnect() {
    await this.#teardown(true);
    await this.start();
  }

  /** Leaves the session and closes every connection; the local stream stays the caller's. */
  async leave() {
    await this.#teardown(true);
    this.#setState('closed');
  }

  setAudioEnabled(enabled) { this.localStream?.getAudioTracks().forEach((t) => { t.enabled = enabled; }); }

  setVideoEnabled(enabled) { this.localStream?.getVideoTracks().forEach((t) => { t.enabled = enabled; }); }

  /** Reception per remote participant and the publisher's sending, from getStats(); for tests and diagnostics. */
  async stats() {
    const result = { participantId: this.participantId, state: this.#state, remotes: {}, publisher: null,
      mediaServerMoves: this.#mediaServerMoves, fullRejoins: this.#fullRejoins, tokenRefreshes: this.#tokenRefreshes };
    for (const [target, connection] of this.#connections) {
      const entry = { connectionState: connection.pc.connectionState, framesDecoded: 0, audioPacketsReceived: 0,
        videoBytesSent: 0, audioBytesSent: 0, renegotiations: this.#renegotiationCounts.get(target) ?? 0 };
      (await connection.pc.getStats()).forEach((report) => {
        if (report.type === 'inbound-rtp' && report.kind === 'video') entry.framesDecoded += report.framesDecoded ?? 0;
        if (report.type === 'inbound-rtp' && report.kind === 'audio') entry.audioPacketsReceived += report.packetsReceived ?? 0;
        if (report.type === 'outbound-rtp' && report.kind === 'video') entry.videoBytesSent += report.bytesSent ?? 0;
        if (report.type === 'outbound-rtp' && report.kind === 'audio') entry.audioBytesSent += report.bytesSent ?? 0;
      });
      if (target === this.participantId) {
        result.publisher = entry;
      } else {
        result.remotes[target] = { name: this.#participants.get(target)?.name ?? null, ...entry };
      }
    }
    return result;
  }

  // --- signalling -----------------------------------------------------------------------------

  #path(suffix) {
    return `/api/sessions/${encodeURIComponent(this.sessionId)}/participants/${encodeURIComponent(this.participantId)}${suffix}`;
  }

  /**
   * Refreshes the participant token at two thirds of its remaining lifetime; a failed refresh is
   * retried every 5 s until the token expires, and a refused one (the participant is gone) makes the call 'lost'.
   */
  #scheduleTokenRefresh(generation, expiresAt) {
    clearTimeout(this.#refreshTimer);
    if (!expiresAt) return;
    const remainingMs = expiresAt * 1000 - Date.now();
    const delay = Math.max(1000, Math.floor(remainingMs * 2 / 3));
    this.#refreshTimer = setTimeout(async () => {
      if (generation !== this.#generation || !this.#token) return;
      try {
        const fresh = await request(this.#base, 'POST', this.#path('/token'), { token: this.#token });
        if (generation !== this.#generation) return;
        this.#token = fresh.token;
        this.#tokenRefreshes++;
        this.#scheduleTokenRefresh(generation, fresh.expiresAt);
      } catch (error) {
        if (generation !== this.#generation) return;
        if (error instanceof ApiError && [401, 403, 404].includes(error.status)) {
          if (this.#stopPolling) this.#lost(this.#stopPolling);
          return;
        }
        if (expiresAt * 1000 - Date.now() > 5000) {
          this.#refreshTimer = setTimeout(() => this.#scheduleTokenRefresh(generation, expiresAt), 5000);
        }
      }
    }, delay);
  }

  /** The long-poll loop of one join: acknowledges by asking for messages after the last seq seen. */
  async #pollLoop(generation) {
    const stop = new AbortController();
    this.#stopPolling = stop;
    while (!stop.signal.aborted && generation === this.#generation) {
      let deliveries;
      try {
        // A poll must end by itself within its wait; a hung connection is aborted and counted as a failure.
        const signal = AbortSignal.any([stop.signal, AbortSignal.timeout((this.#options.pollWaitSeconds + 15) * 1000)]);
        deliveries = await request(this.#base, 'GET',
          this.#path(`/messages?after=${this.#seq}&wait=${this.#options.pollWaitSeconds}`), { token: this.#token, signal });
      } catch (error) {
        if (stop.signal.aborted) return;
        if (error instanceof ApiError && (error.status === 404 || error.status === 401 || error.status === 403)) {
          // The participant is gone on the server side (queue deleted, token refused): only a rejoin helps.
          this.#lost(stop);
          return;
        }
        // 409: the previous poll's lease has not expired yet; it is no sign of trouble by itself.
        if (!(error instanceof ApiError && error.status === 409)) this.#failures++;
        if (this.#failures >= this.#options.maxPollFailures) {
          this.#lost(stop);
          return;
        }
        this.#refreshState();
        const backoff = Math.min(this.#options.backoffMaxMs, this.#options.backoffStartMs * 2 ** Math.max(0, this.#failures - 1));
        await sleep(backoff * (0.75 + Math.random() * 0.5), stop.signal);
        continue;
      }
      this.#failures = 0;
      this.#refreshState();
      for (const { seq, message } of deliveries) {
        if (stop.signal.aborted || generation !== this.#generation) return;
        // Messages are handled in order; one failing must not stop the ones after it.
        try {
          await this.#handle(message);
        } catch (error) {
          console.warn('switchboard: handling', message?.type, 'failed', error);
        }
        this.#seq = Math.max(this.#seq, seq);
      }
    }
  }

  async #handle(message) {
    switch (message.type) {
      case 'existingParticipants':
        for (const p of message.participants) this.#addParticipant(p.participantId, p.name);
        break;
      case 'participantJoined':
        if (message.participantId !== this.participantId) this.#addParticipant(message.participantId, message.name);
        break;
      case 'participantLeft':
        this.#removeParticipant(message.participantId);
        break;
      case 'answer':
        await this.#applyAnswer(message.target, message.sdp, message.offerId);
        break;
      case 'iceCandidate':
        await this.#applyCandidate(message);
        break;
      case 'connectionFailed': {
        // The server saw this connection lost for longer than its grace. A connection connected now
        // recovered meanwhile; one that never connected is a fresh one and the notice is about the
        // endpoint it replaced.
        const connection = this.#connections.get(message.target);
        if (connection && connection.everConnected && connection.pc.connectionState !== 'connected') {
          await this.#renegotiate(message.target);
        }
        break;
      }
      case 'mediaServerLost':
        // The same move may be announced twice: each epoch is handled once.
        if (typeof message.epoch === 'number' && message.epoch <= this.#mediaServerEpoch) break;
        if (typeof message.epoch === 'number') this.#mediaServerEpoch = message.epoch;
        queueMicrotask(() => this.#moveMediaServer());
        break;
      case 'sessionClosed':
        await this.#teardown(false);
        this.#setState('closed');
        break;
      case 'error':
        this.#dispatch('error', { request: message.request, code: message.code, message: message.message });
        if (message.code === 'REJOIN_LIMIT') {
          // The server refuses more renegotiations for now: only the user's Reconnect helps.
          this.#giveUp();
        } else if (message.code === 'SESSION_FULL') {
          // The call has reached its participant limit: nothing to retry; the page says so.
          await this.#teardown(false);
          this.#setState('closed');
        } else if (message.code === 'UNKNOWN_PARTICIPANT' && String(message.request).startsWith('processOffer') && this.#mediaServerMoves > 0) {
          // A re-offer after a media-server move found this participant gone: join again instead.
          this.#fullRejoin();
        }
        break;
      default:
        // A newer server may send types this version does not know; they are skipped, not fatal.
        break;
    }
  }

  #addParticipant(id, name) {
    if (id === this.participantId || this.#participants.has(id)) return;
    const participant = { id, name, stream: null };
    this.#participants.set(id, participant);
    this.#dispatch('participant-joined', { participant });
    this.#connect(id).catch((error) => this.#error(error));
  }

  #removeParticipant(id) {
    const participant = this.#participants.get(id);
    if (!participant) return;
    this.#participants.delete(id);
    this.#closeConnection(id);
    this.#dispatch('participant-left', { participant });
  }

  /**
   * The ICE servers for a new connection: the fixed option when given, else the api's TURN servers
   * with this participant's credential, fetched once and again a minute before it expires. A failed
   * request means no TURN (direct connections still work), never a failed call.
   */
  async #iceServers() {
    if (this.#options.iceServers.length > 0) return this.#options.iceServers;
    const turn = this.#turn;
    if (turn.participantId === this.participantId && Date.now() < turn.renewAt) return turn.iceServers;
    try {
      const answer = await request(this.#base, 'GET', this.#path('/ice-servers'), { token: this.#token });
      const servers = Array.isArray(answer?.iceServers) ? answer.iceServers : [];
      const renewAt = servers.length > 0 ? answer.expiresAt * 1000 - 60_000 : Date.now() + 300_000;
      this.#turn = { participantId: this.participantId, iceServers: servers, renewAt };
      return servers;
    } catch {
      return [];
    }
  }

  /** Creates the connection for {@code target} and sends its offer: sendonly for self, recvonly for others. */
  async #connect(target) {
    // Asked before the old connection closes, so closing and replacing stay one synchronous step.
    const iceServers = await this.#iceServers();
    this.#closeConnection(target);
    const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: this.#options.iceTransportPolicy });
    const connection = new Connection(target, pc);
    this.#connections.set(target, connection);
    if (target === this.participantId) {
      for (const kind of ['audio', 'video']) {
        const track = this.localStream?.getTracks().find((t) => t.kind === kind);
        // Both m-lines always exist, so the answer has the same shape whatever the camera gives.
        pc.addTransceiver(track ?? kind, { direction: 'sendonly', streams: this.localStream ? [this.localStream] : [] });
      }
    } else {
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('video', { direction: 'recvonly' });
      const stream = new MediaStream();
      pc.ontrack = (event) => {
        stream.addTrack(event.track);
        const participant = this.#participants.get(target);
        if (participant && this.#connections.get(target) === connection) {
          participant.stream = stream;
          this.#dispatch('stream', { participant, stream });
        }
      };
    }
    pc.onicecandidate = (event) => {
      const c = event.candidate;
      const body = c
        ? { target, candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex ?? 0 }
        : { target, candidate: '', sdpMid: null, sdpMLineIndex: 0 };
      // Chrome's end-of-candidates for one m-line comes as an empty string; the null event ends all.
      if (c && !c.candidate) return;
      request(this.#base, 'POST', this.#path('/candidates'), { token: this.#token, body }).catch(() => {});
    };
    pc.onconnectionstatechange = () => {
      if (this.#connections.get(target) !== connection) return;
      this.#watchConnection(connection);
      this.#refreshState();
    };
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    await request(this.#base, 'POST', this.#path('/offers'), { token: this.#token, body: { target, sdp: offer.sdp, offerId: connection.offerId } });
  }

  /**
   * Reacts to a connection's state: 'failed' renegotiates at once, 'disconnected' after the grace
   * if the connection has not come back by then (and is still the current one for its target).
   */
  #watchConnection(connection) {
    const state = connection.pc.connectionState;
    if (state === 'connected') {
      connection.everConnected = true;
      clearTimeout(connection.graceTimer);
      connection.graceTimer = null;
    } else if (state === 'failed') {
      clearTimeout(connection.graceTimer);
      connection.graceTimer = null;
      this.#renegotiate(connection.target).catch((error) => this.#error(error));
    } else if (state === 'disconnected' && !connection.graceTimer) {
      connection.graceTimer = setTimeout(() => {
        connection.graceTimer = null;
        if (this.#connections.get(connection.target) !== connection) return;
        if (connection.pc.connectionState === 'connected') return;
        this.#renegotiate(connection.target).catch((error) => this.#error(error));
      }, this.#options.reconnectGraceMs);
    }
  }

  /**
   * A new offer on a fresh connection; the wrapper replaces the old endpoint. Beyond
   * maxRejoinsPerMinute for this target in the last minute the call is 'lost' instead.
   */
  async #renegotiate(target) {
    const old = this.#connections.get(target);
    if (!old || old.renegotiating || (target !== this.participantId && !this.#participants.has(target))) return;
    if (this.#state === 'lost' || this.#state === 'closed') return;
    const now = Date.now();
    const recent = (this.#renegotiationTimes.get(target) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.#options.maxRejoinsPerMinute) {
      this.#giveUp();
      return;
    }
    old.renegotiating = true;
    recent.push(now);
    this.#renegotiationTimes.set(target, recent);
    this.#renegotiationCounts.set(target, (this.#renegotiationCounts.get(target) ?? 0) + 1);
    await this.#connect(target);
  }

  /**
   * The session moved to another media server and its endpoints are gone: every connection
   * (publisher first, then each receiver) is offered again on a fresh RTCPeerConnection with the
   * same participant id. If that fails, the call joins again as a new participant.
   */
  async #moveMediaServer() {
    if (this.#state === 'lost' || this.#state === 'closed') return;
    this.#mediaServerMoves++;
    const generation = this.#generation;
    const targets = [this.participantId, ...[...this.#connections.keys()].filter((t) => t !== this.participantId)];
    try {
      for (const target of targets) {
        if (generation !== this.#generation) return;
        if (target !== this.participantId && !this.#participants.has(target)) continue;
        await this.#connect(target);
      }
    } catch (error) {
      console.warn('switchboard: re-offering after a media-server move failed; joining again', error);
      this.#fullRejoin();
    }
  }

  #fullRejoin() {
    this.#fullRejoins++;
    this.reconnect().catch((error) => { this.#error(error); this.#giveUp(); });
  }

  /** Stops recovering by itself: the call is 'lost' until reconnect(). */
  #giveUp() {
    if (this.#stopPolling) {
      this.#lost(this.#stopPolling);
    } else {
      this.#setState('lost');
    }
  }

  async #applyAnswer(target, sdp, offerId) {
    const connection = this.#connections.get(target);
    if (offerId && connection && offerId !== connection.offerId) return; // answers an offer this page has replaced
    if (!connection || connection.answered || connection.pc.signalingState !== 'have-local-offer') return;
    await connection.pc.setRemoteDescription({ type: 'answer', sdp });
    connection.answered = true;
    for (const candidate of connection.pendingCandidates.splice(0)) {
      await connection.pc.addIceCandidate(candidate).catch(() => {});
    }
  }

  async #applyCandidate({ target, candidate, sdpMid, sdpMLineIndex }) {
    const connection = this.#connections.get(target);
    if (!connection) return;
    const init = { candidate, sdpMid, sdpMLineIndex };
    if (!connection.answered) {
      connection.pendingCandidates.push(init);
      return;
    }
    await connection.pc.addIceCandidate(init).catch(() => {});
  }

  // --- lifecycle ------------------------------------------------------------------------------

  #closeConnection(target) {
    const connection = this.#connections.get(target);
    if (!connection) return;
    this.#connections.delete(target);
    connection.pc.onicecandidate = null;
    connection.pc.ontrack = null;
    connection.pc.onconnectionstatechange = null;
    clearTimeout(connection.graceTimer);
    connection.pc.close();
  }

  /** Stops polling, closes connections, forgets remote participants and (optionally) tells the api. */
  async #teardown(sayGoodbye) {
    this.#generation++;
    clearTimeout(this.#refreshTimer);
    this.#stopPolling?.abort();
    this.#stopPolling = null;
    for (const target of [...this.#connections.keys()]) this.#closeConnection(target);
    for (const id of [...this.#participants.keys()]) this.#removeParticipant(id);
    if (sayGoodbye && this.participantId && this.#token) {
      const path = this.#path('');
      const token = this.#token;
      // Best effort (keepalive lets it outlive a closing page): after a lost connection the api
      // may be unreachable, and a rejoin must not wait for it.
      await request(this.#base, 'DELETE', path, { token, keepalive: true, signal: AbortSignal.timeout(3000) }).catch(() => {});
    }
    this.#token = null;
  }

  #lost(stop) {
    stop.abort();
    this.#setState('lost');
  }

  /** Derives the visible state from the poll loop and the publishing connection. */
  #refreshState() {
    if (this.#state === 'lost' || this.#state === 'closed') return;
    if (this.#failures > 0) {
      this.#setState('reconnecting');
      return;
    }
    const publisher = this.#connections.get(this.participantId);
    const pcState = publisher?.pc.connectionState;
    if (pcState === 'connected') this.#setState('connected');
    else if (pcState === 'disconnected' || pcState === 'failed') this.#setState('reconnecting');
    else this.#setState('connecting');
  }

  #setState(state) {
    if (state === this.#state) return;
    this.#state = state;
    this.#dispatch('state', { state });
  }

  #error(error) {
    this.#dispatch('error', { code: error?.code ?? 'CLIENT_ERROR', message: String(error?.message ?? error) });
  }

  #dispatch(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

export const Switchboard = Object.freeze({ createSession, join, Call, ApiError });
export default Switchboard;
