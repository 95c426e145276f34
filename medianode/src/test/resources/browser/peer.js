'use strict';
// The browser side of the medianode's browser tests. The Java test drives it through WebDriver
// (Page.java): every function on window.switchboard takes a peer name first, returns a promise
// and is called with executeAsyncScript. One page may hold several named RTCPeerConnections,
// like a group-call participant with one publisher and one viewer connection per other member.
// The connections are built the way kurento-utils' WebRtcPeer modes build them.

(function () {
  const peers = new Map();

  // 320x240 at 15 fps: kurento-utils asks for 640 wide at 15 fps, but a group call puts nine
  // connections on two cores, and a smaller picture keeps Chrome from dropping frames.
  const MEDIA = {
    audio: true,
    video: {width: {ideal: 320}, height: {ideal: 240}, frameRate: {ideal: 15}},
  };

  function peer(name) {
    const p = peers.get(name);
    if (!p) {
      throw new Error('no peer named ' + name);
    }
    return p;
  }

  function newPeer(name, mode) {
    if (peers.has(name)) {
      throw new Error('peer ' + name + ' already exists');
    }
    const pc = new RTCPeerConnection();
    const p = {name, mode, pc, localCandidates: [], gatheringDone: false, remoteCandidates: 0,
      remoteStream: new MediaStream(), video: null, stream: null, events: [], pairs: new Map()};
    // The test drains these and forwards them with WebRtcEndpoint.addIceCandidate, as the
    // tutorials' onIceCandidate handlers do.
    pc.onicecandidate = (e) => {
      if (e.candidate && e.candidate.candidate) {
        p.localCandidates.push({candidate: e.candidate.candidate, sdpMid: e.candidate.sdpMid,
          sdpMLineIndex: e.candidate.sdpMLineIndex});
      } else if (!e.candidate) {
        p.gatheringDone = true;
      }
    };
    // State changes with their time since the peer was created: the diagnostics show how far
    // ICE and DTLS got and when.
    const t0 = performance.now();
    const note = (what) => {
      if (p.events.length < 40) {
        p.events.push(Math.round(performance.now() - t0) + 'ms ' + what);
      }
    };
    pc.oniceconnectionstatechange = () => note('ice=' + pc.iceConnectionState);
    pc.onconnectionstatechange = () => note('connection=' + pc.connectionState);
    pc.ontrack = (e) => {
      note('track ' + e.track.kind);
      p.remoteStream.addTrack(e.track);
      if (!p.video) {
        const v = document.createElement('video');
        v.muted = true;
        v.autoplay = true;
        v.playsInline = true;
        v.id = 'video-' + name;
        document.getElementById('videos').appendChild(v);
        p.video = v;
      }
      p.video.srcObject = p.remoteStream;
    };
    peers.set(name, p);
    return p;
  }

  async function startPeer(name, mode) {
    const p = newPeer(name, mode);
    if (mode === 'sendrecv') {
      // WebRtcPeerSendrecv: every local track with addTrack, giving sendrecv transceivers.
      p.stream = await navigator.mediaDevices.getUserMedia(MEDIA);
      for (const track of p.stream.getTracks()) {
        p.pc.addTrack(track, p.stream);
      }
    } else if (mode === 'sendonly') {
      // WebRtcPeerSendonly (group-call publisher): sendonly transceivers, audio then video.
      p.stream = await navigator.mediaDevices.getUserMedia(MEDIA);
      p.pc.addTransceiver(p.stream.getAudioTracks()[0], {direction: 'sendonly', streams: [p.stream]});
      p.pc.addTransceiver(p.stream.getVideoTracks()[0], {direction: 'sendonly', streams: [p.stream]});
    } else if (mode === 'recvonly') {
      // WebRtcPeerRecvonly (group-call viewer): no local media.
      p.pc.addTransceiver('audio', {direction: 'recvonly'});
      p.pc.addTransceiver('video', {direction: 'recvonly'});
    } else {
      peers.delete(name);
      throw new Error('unknown mode ' + mode);
    }
    return mode;
  }

  async function createOffer(name) {
    const pc = peer(name).pc;
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    return pc.localDescription.sdp;
  }

  // Only for the harness's own test, where two peers of the page call each other directly.
  async function answerOffer(name, sdp) {
    const pc = peer(name).pc;
    await pc.setRemoteDescription({type: 'offer', sdp});
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    return pc.localDescription.sdp;
  }

  async function applyAnswer(name, sdp) {
    const pc = peer(name).pc;
    await pc.setRemoteDescription({type: 'answer', sdp});
    return pc.signalingState;
  }

  async function addCandidate(name, candidate) {
    const p = peer(name);
    await p.pc.addIceCandidate(candidate);
    p.remoteCandidates++;
    return p.remoteCandidates;
  }

  async function takeCandidates(name) {
    const p = peer(name);
    return p.localCandidates.splice(0, p.localCandidates.length);
  }

  function describeCandidate(c) {
    if (!c) {
      return null;
    }
    return (c.address || c.ip || '?') + ':' + c.port + ' ' + c.candidateType + ' ' + c.protocol;
  }

  function pick(s, keys) {
    const out = {};
    for (const k of keys) {
      if (s[k] !== undefined) {
        out[k] = s[k];
      }
    }
    return out;
  }

  async function stats(name) {
    const p = peer(name);
    const pc = p.pc;
    const report = await pc.getStats();
    const byId = new Map();
    report.forEach((s) => byId.set(s.id, s));
    const out = {
      mode: p.mode,
      signalingState: pc.signalingState,
      iceConnectionState: pc.iceConnectionState,
      connectionState: pc.connectionState,
      iceGatheringState: pc.iceGatheringState,
      dtlsState: null,
      selectedPair: null,
      inbound: [],
      outbound: [],
      candidatePairs: [],
      remoteCandidatesAdded: p.remoteCandidates,
      events: p.events,
    };
    const pairOf = (s) => ({
      state: s.state, nominated: s.nominated,
      local: describeCandidate(byId.get(s.localCandidateId)),
      remote: describeCandidate(byId.get(s.remoteCandidateId)),
      requestsSent: s.requestsSent, responsesReceived: s.responsesReceived,
      requestsReceived: s.requestsReceived, bytesSent: s.bytesSent, bytesReceived: s.bytesReceived,
    });
    const current = new Set();
    report.forEach((s) => {
      if (s.type === 'transport') {
        out.dtlsState = s.dtlsState;
        const selected = s.selectedCandidatePairId && byId.get(s.selectedCandidatePairId);
        if (selected) {
          out.selectedPair = pairOf(selected);
        }
      } else if (s.type === 'inbound-rtp') {
        out.inbound.push(pick(s, ['kind', 'mid', 'ssrc', 'packetsReceived', 'bytesReceived',
          'packetsLost', 'framesReceived', 'framesDecoded', 'keyFramesDecoded', 'framesDropped',
          'frameWidth', 'frameHeight', 'audioLevel', 'totalSamplesReceived']));
      } else if (s.type === 'outbound-rtp') {
        out.outbound.push(pick(s, ['kind', 'mid', 'ssrc', 'packetsSent', 'bytesSent', 'framesEncoded']));
      } else if (s.type === 'candidate-pair') {
        const pair = pairOf(s);
        const key = pair.local + ' -> ' + pair.remote;
        current.add(key);
        p.pairs.set(key, pair);
      }
    });
    // Chrome drops failed pairs from getStats, so the pairs seen by earlier calls are kept:
    // they show whether connectivity checks went out and got answers.
    for (const [key, pair] of p.pairs) {
      out.candidatePairs.push(current.has(key) ? pair : Object.assign({gone: true}, pair));
    }
    return out;
  }

  window.switchboard = {startPeer, createOffer, answerOffer, applyAnswer, addCandidate, takeCandidates, stats};
})();
