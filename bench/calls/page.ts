/**
 * What the call setup benchmark runs inside Chromium, as plain JavaScript (the
 * benchmarks compile without the DOM's types). Both sides time with the same
 * clock, `performance.timeOrigin + performance.now()` (milliseconds since the
 * epoch, comparable across the pages of one machine), and see the first frame
 * by the same poll: `getStats` every POLL_MS, the first inbound-rtp video
 * report with `framesDecoded > 0`.
 */

export const POLL_MS = 10;

/** In-page shape of what the scripts below leave on `window.__bench`. */
export interface PageMarks {
  /** When this page sent its `meeting.join` (the Socket.IO frame left the WebSocket). */
  joinAt: number | null;
  /** When this page first saw a decoded video frame from its peer. */
  firstFrameAt: number | null;
  /** The ICE servers the page's first RTCPeerConnection was built with (the join's `iceServers`). */
  iceServers: unknown[] | null;
}

/** The poll both sides share: resolves to the time of the first decoded video frame on any of `pcs()`. */
const FIRST_FRAME = `
  const benchNow = () => performance.timeOrigin + performance.now();
  const firstFrame = (pcs, timeoutMs) => new Promise((resolve, reject) => {
    const deadline = benchNow() + timeoutMs;
    let busy = false;
    const timer = setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        for (const pc of pcs()) {
          let decoded = 0;
          (await pc.getStats()).forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'video') decoded += r.framesDecoded || 0; });
          if (decoded > 0) { clearInterval(timer); resolve(benchNow()); return; }
        }
        if (benchNow() > deadline) { clearInterval(timer); reject(new Error('no decoded frame within ' + timeoutMs + ' ms')); }
      } finally { busy = false; }
    }, ${POLL_MS});
  });
`;

/**
 * Init script of every product page (/meet/<id>): marks the `meeting.join`
 * emit by wrapping WebSocket.send (the app's socket.io-client speaks
 * websocket only, one frame per packet), keeps the ICE servers the page
 * builds its peer connections with, and polls the page's own peer connections
 * (`window.tradebridgeCall`, which the call exposes) for the first frame.
 */
export function productInitScript(token: string): string {
  return `(() => {
    localStorage.setItem('tradebridge.token', ${JSON.stringify(token)});
    ${FIRST_FRAME}
    const marks = (window.__bench = { joinAt: null, firstFrameAt: null, iceServers: null });
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      if (marks.joinAt === null && typeof data === 'string' && data.includes('"meeting.join"')) marks.joinAt = benchNow();
      return send.call(this, data);
    };
    const Native = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Native {
      constructor(config) {
        super(config);
        if (marks.iceServers === null) marks.iceServers = (config && config.iceServers) || [];
      }
    };
    firstFrame(() => (window.tradebridgeCall ? [...window.tradebridgeCall.peers.values()] : []), 60000).then((at) => { marks.firstFrameAt = at; }, () => undefined);
  })();`;
}

/** What one bare call measured, on the page's clock. */
export interface BareCall {
  startedAt: number;
  /** First decoded frame on the answering side (the offerer's video) and on the offering side. */
  answererFrameAt: number;
  offererFrameAt: number;
}

/**
 * A page-side function (as source, for `page.evaluate`) that runs one bare
 * call and resolves to a BareCall: two RTCPeerConnections in this page, each
 * with its own fake camera and microphone stream (taken before the clock
 * starts, as the product's page has its media before it joins), the same
 * transceivers the product sets up (the offerer: audio and video, sendrecv;
 * the answerer puts its tracks on the offered lines), offer, answer and ICE
 * candidates handed over by hand, with the ICE servers the product's join gave.
 */
export function bareCallScript(iceServers: unknown[], timeoutMs: number): string {
  return `(async () => {
    ${FIRST_FRAME}
    const media = () => navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    const [mine, theirs] = await Promise.all([media(), media()]);
    const startedAt = benchNow();
    const config = { iceServers: ${JSON.stringify(iceServers)} };
    const offerer = new RTCPeerConnection(config);
    const answerer = new RTCPeerConnection(config);
    try {
      // Candidates wait for the other side's remote description, as a signalling server's would be applied after it.
      let answererRemote, offererRemote;
      const answererReady = new Promise((r) => (answererRemote = r));
      const offererReady = new Promise((r) => (offererRemote = r));
      offerer.onicecandidate = ({ candidate }) => { if (candidate) { const c = candidate.toJSON(); answererReady.then(() => answerer.addIceCandidate(c)); } };
      answerer.onicecandidate = ({ candidate }) => { if (candidate) { const c = candidate.toJSON(); offererReady.then(() => offerer.addIceCandidate(c)); } };
      offerer.addTransceiver(mine.getAudioTracks()[0], { direction: 'sendrecv' });
      offerer.addTransceiver(mine.getVideoTracks()[0], { direction: 'sendrecv' });
      await offerer.setLocalDescription();
      await answerer.setRemoteDescription(offerer.localDescription.toJSON());
      answererRemote();
      for (const t of answerer.getTransceivers()) {
        const track = t.receiver.track.kind === 'audio' ? theirs.getAudioTracks()[0] : theirs.getVideoTracks()[0];
        await t.sender.replaceTrack(track);
        t.direction = 'sendrecv';
      }
      await answerer.setLocalDescription();
      await offerer.setRemoteDescription(answerer.localDescription.toJSON());
      offererRemote();
      const [answererFrameAt, offererFrameAt] = await Promise.all([firstFrame(() => [answerer], ${timeoutMs}), firstFrame(() => [offerer], ${timeoutMs})]);
      return { startedAt, answererFrameAt, offererFrameAt };
    } finally {
      offerer.close();
      answerer.close();
      [...mine.getTracks(), ...theirs.getTracks()].forEach((t) => t.stop());
    }
  })()`;
}
