// The page's UI: lobby, video grid, controls and status banner, driving one call of the switchboard.js library.
import { Switchboard } from './switchboard.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const baseUrl = '';  // the page is served by the api itself
// The demo link carries the application key in its fragment (#key=...), which browsers never send to a
// server; it is kept for this tab only. A real application keeps the key on its servers (switchboard.js).
const applicationKey = new URLSearchParams(location.hash.slice(1)).get('key')
  ?? sessionStorage.getItem('switchboard.applicationKey');
if (applicationKey) sessionStorage.setItem('switchboard.applicationKey', applicationKey);

const STATE_TEXT = {
  connecting: 'Connecting…',
  reconnecting: 'Connection interrupted, reconnecting…',
  lost: 'Connection lost.',
  closed: 'The call has ended.',
};

let call = null;
let localStream = null;

function inviteLink(sessionId) {
  const url = new URL(location.pathname, location.origin);
  url.searchParams.set('session', sessionId);
  // The demo's invitees join with the same key; a real application would hand each one a token instead.
  if (applicationKey) url.hash = `key=${encodeURIComponent(applicationKey)}`;
  return url.toString();
}

function showStatus(state) {
  const text = STATE_TEXT[state];
  $('status').hidden = !text;
  $('status').dataset.state = state;
  $('status-text').textContent = text ?? '';
  $('reconnect').hidden = state !== 'lost';
  document.body.dataset.callState = state;
}

/** A tile of the grid: the video and the name under it; the same shape for the local and the remote ones. */
function tile(id, name, { local = false } = {}) {
  let element = document.querySelector(`.tile[data-participant="${CSS.escape(id)}"]`);
  if (element) return element;
  element = document.createElement('figure');
  element.className = local ? 'tile local' : 'tile';
  element.dataset.participant = id;
  const video = document.createElement('video');
  video.autoplay = true;
  video.playsInline = true;
  // The own video must not play back the own microphone.
  video.muted = local;
  const caption = document.createElement('figcaption');
  caption.textContent = local ? `${name} (you)` : name;
  element.append(video, caption);
  $('grid').append(element);
  layout();
  return element;
}

/** Sizes the tiles: tries every column count and keeps the one giving the largest 16:9 tiles that fit without scrolling. */
function layout() {
  const grid = $('grid');
  const count = grid.children.length;
  if (!count) return;
  const gap = 12;
  const style = getComputedStyle(grid);
  const width = grid.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const height = grid.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  let best = 160;
  for (let columns = 1; columns <= count; columns++) {
    const rows = Math.ceil(count / columns);
    const tileWidth = Math.min((width - gap * (columns - 1)) / columns, ((height - gap * (rows - 1)) / rows) * 16 / 9);
    best = Math.max(best, Math.floor(tileWidth));
  }
  grid.style.setProperty('--gap', `${gap}px`);
  grid.style.setProperty('--tile-width', `${best}px`);
}
window.addEventListener('resize', layout);

async function getMedia() {
  // Video and audio if possible, else whatever the device allows: a call without a camera still works.
  for (const constraints of [{ audio: true, video: { width: 640, height: 360 } }, { audio: true }, { video: true }]) {
    try {
      return await navigator.mediaDevices.getUserMedia(constraints);
    } catch {
      // try the next, smaller set
    }
  }
  return new MediaStream();
}

async function start(name) {
  $('join').disabled = true;
  $('lobby-error').hidden = true;
  try {
    if (!applicationKey) {
      throw new Error('this page needs the application key: open the link `./switchboard run` printed (it ends in #key=...)');
    }
    let sessionId = params.get('session');
    if (!sessionId) {
      sessionId = await Switchboard.createSession({ baseUrl, applicationKey });
      // The address bar becomes the invite link, so a reload joins the same call.
      history.replaceState(null, '', `?session=${encodeURIComponent(sessionId)}${location.hash}`);
    }
    localStream ??= await getMedia();
    showStatus('connecting');
    // ?relay=1: media only through the TURN server the api hands out (for testing a TURN set-up).
    const iceTransportPolicy = params.get('relay') === '1' ? 'relay' : 'all';
    call = new Switchboard.Call({ baseUrl, sessionId, name, localStream, iceTransportPolicy, applicationKey });
    // The debug hook the browser tests (and curious users in the console) read stats() from.
    window.switchboardCall = call;
    wire(call);
    $('lobby').hidden = true;
    $('call').hidden = false;
    $('invite-link').value = inviteLink(sessionId);
    layout();
    tile('self', name, { local: true }).querySelector('video').srcObject = localStream;
    await call.start();
  } catch (error) {
    $('lobby').hidden = false;
    $('call').hidden = true;
    $('grid').replaceChildren();
    $('status').hidden = true;
    $('lobby-error').textContent = error.status === 404 ? 'This call does not exist (any more).' : `Could not join: ${error.message}`;
    $('lobby-error').hidden = false;
    $('join').disabled = false;
    call = null;
  }
}

function wire(c) {
  c.addEventListener('state', (e) => showStatus(e.detail.state));
  c.addEventListener('participant-joined', (e) => tile(e.detail.participant.id, e.detail.participant.name));
  c.addEventListener('stream', (e) => {
    const video = tile(e.detail.participant.id, e.detail.participant.name).querySelector('video');
    video.srcObject = e.detail.stream;
    video.play().catch(() => {
      // Autoplay with sound needs a user gesture (absent after ?autojoin=1): play muted, unmute on the first click.
      video.muted = true;
      video.play().catch(() => {});
      document.addEventListener('click', () => { video.muted = false; }, { once: true });
    });
  });
  c.addEventListener('participant-left', (e) => {
    document.querySelector(`.tile[data-participant="${CSS.escape(e.detail.participant.id)}"]`)?.remove();
    layout();
  });
  c.addEventListener('error', (e) => {
    console.warn('switchboard error', e.detail);
    if (e.detail.code === 'SESSION_FULL') alert('This call is full.');
  });
}

$('join-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = $('name').value.trim();
  if (name) start(name);
});

$('toggle-audio').addEventListener('click', (event) => {
  const muted = event.currentTarget.getAttribute('aria-pressed') !== 'true';
  call?.setAudioEnabled(!muted);
  event.currentTarget.setAttribute('aria-pressed', String(muted));
  event.currentTarget.textContent = muted ? 'Unmute' : 'Mute';
});

$('toggle-video').addEventListener('click', (event) => {
  const stopped = event.currentTarget.getAttribute('aria-pressed') !== 'true';
  call?.setVideoEnabled(!stopped);
  event.currentTarget.setAttribute('aria-pressed', String(stopped));
  event.currentTarget.textContent = stopped ? 'Start video' : 'Stop video';
  document.querySelector('.tile.local')?.classList.toggle('video-off', stopped);
});

$('leave').addEventListener('click', async () => {
  await call?.leave();
  localStream?.getTracks().forEach((t) => t.stop());
  localStream = null;
  $('grid').replaceChildren();
  $('call').hidden = true;
  $('lobby').hidden = false;
  $('join').disabled = false;
  $('status').hidden = true;
});

$('reconnect').addEventListener('click', () => {
  showStatus('connecting');
  call?.reconnect().catch(() => showStatus('lost'));
});

$('copy-link').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText($('invite-link').value);
    $('copy-link').textContent = 'Copied';
  } catch {
    // Clipboard access needs a secure context; selecting the text lets the user copy it by hand.
    $('invite-link').select();
  }
});

window.addEventListener('pagehide', () => {
  // Tell the api right away instead of letting the session notice much later.
  if (call?.participantId && call.state !== 'closed') call.leave();
});

// Lobby wording for a link to an existing call, and automation: ?name=...&autojoin=1 joins at once.
if (params.get('session')) {
  $('lobby-title').textContent = 'Join the call';
  $('lobby-hint').textContent = 'You were invited to a call.';
  $('join').textContent = 'Join call';
}
$('name').value = params.get('name') ?? localStorage.getItem('switchboard.name') ?? '';
$('name').addEventListener('change', () => localStorage.setItem('switchboard.name', $('name').value.trim()));
if (params.get('autojoin') === '1' && $('name').value.trim()) start($('name').value.trim());
