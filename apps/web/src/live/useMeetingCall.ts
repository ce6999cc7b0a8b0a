import { useCallback, useEffect, useRef, useState } from 'react';
import type { AckError, CallParticipant, IceServer, MeetingJoinResult, MeetingPeerChange, MeetingSignal, MeetingSignalData } from '@tradebridge/contracts';
import { acquireLiveSocket, listen, LiveSocket, releaseLiveSocket } from './socket';

/** The call as the page shows it (docs/realtime.md §4.5). */
export type CallState = 'joining' | 'waiting' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'refused';
/** What the browser gave: both, microphone only, or nothing (receive-only). */
export type MediaProblem = null | 'camera' | 'all';

export interface RemotePeer {
  participant: CallParticipant;
  stream: MediaStream;
  state: RTCPeerConnectionState;
}

interface Peer {
  pc: RTCPeerConnection;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
  participant: CallParticipant;
  stream: MediaStream;
}

/** For the browser test and for debugging: the page's peer connections, by peer id. */
declare global {
  interface Window {
    tradebridgeCall?: { peers: Map<string, RTCPeerConnection> };
  }
}

/**
 * An online meeting's WebRTC call: a mesh of RTCPeerConnections, one per other
 * peer, signalled over `/live`. The newcomer offers to those already there;
 * renegotiations follow the perfect-negotiation pattern (the peer with the
 * smaller id is polite), so simultaneous offers never deadlock. Camera and
 * screen are switched with `replaceTrack`, which needs no renegotiation.
 */
export function useMeetingCall(meetingId: string) {
  const [state, setState] = useState<CallState>('joining');
  const [refusal, setRefusal] = useState<AckError | null>(null);
  const [media, setMedia] = useState<MediaProblem>(null);
  const [local, setLocal] = useState<MediaStream | null>(null);
  const [remotes, setRemotes] = useState<RemotePeer[]>([]);
  const [micOn, setMicOn] = useState(true);
  const [camOn, setCamOn] = useState(true);
  const [sharing, setSharing] = useState(false);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const peers = useRef(new Map<string, Peer>());
  const localRef = useRef<MediaStream | null>(null);
  const screenRef = useRef<MediaStreamTrack | null>(null);
  const socketRef = useRef<LiveSocket | null>(null);
  const selfRef = useRef<string | null>(null);

  const publish = useCallback(() => {
    const list = [...peers.current.values()].map((p) => ({ participant: p.participant, stream: p.stream, state: p.pc.connectionState }));
    setRemotes(list);
    setState((current) => {
      if (current === 'refused') return current;
      if (!socketRef.current?.connected) return 'reconnecting';
      if (list.length === 0) return 'waiting';
      if (list.some((p) => p.state === 'connected')) return 'connected';
      if (list.some((p) => p.state === 'failed')) return 'failed';
      if (list.some((p) => p.state === 'disconnected')) return 'reconnecting';
      return 'connecting';
    });
  }, []);

  useEffect(() => {
    let gone = false;
    let ready = false;
    const socket = acquireLiveSocket();
    socketRef.current = socket;
    let iceServers: IceServer[] = [];
    // Who announced themselves (meeting.peer joined) before their offer arrived.
    const announced = new Map<string, CallParticipant>();
    let signals: Promise<void> = Promise.resolve();
    window.tradebridgeCall = { peers: new Map() };

    const send = (to: string, data: MeetingSignalData) => socket.emit('meeting.signal', { meetingId, to, data }, () => undefined);
    const videoTrack = () => screenRef.current ?? localRef.current?.getVideoTracks()[0] ?? null;

    const close = (peerId: string) => {
      const peer = peers.current.get(peerId);
      if (!peer) return;
      peer.pc.close();
      peers.current.delete(peerId);
      window.tradebridgeCall?.peers.delete(peerId);
    };
    const closeAll = () => [...peers.current.keys()].forEach(close);

    const peerFor = (participant: CallParticipant, offerer: boolean): Peer => {
      const existing = peers.current.get(participant.peerId);
      if (existing) return existing;
      const pc = new RTCPeerConnection({ iceServers });
      const peer: Peer = { pc, polite: (selfRef.current ?? '') < participant.peerId, makingOffer: false, ignoreOffer: false, participant, stream: new MediaStream() };
      peers.current.set(participant.peerId, peer);
      window.tradebridgeCall?.peers.set(participant.peerId, pc);
      pc.ontrack = ({ track }) => {
        peer.stream.addTrack(track);
        publish();
      };
      pc.onicecandidate = ({ candidate }) => send(participant.peerId, { candidate: candidate ? candidate.toJSON() : null });
      pc.onconnectionstatechange = () => {
        if (pc.connectionState === 'failed') pc.restartIce();
        publish();
      };
      pc.onnegotiationneeded = async () => {
        try {
          peer.makingOffer = true;
          await pc.setLocalDescription();
          send(participant.peerId, { description: pc.localDescription!.toJSON() });
        } finally {
          peer.makingOffer = false;
        }
      };
      if (offerer) {
        // One audio and one video line whatever this side has, so a receive-only peer still receives.
        const audio = localRef.current?.getAudioTracks()[0];
        const video = videoTrack();
        pc.addTransceiver(audio ?? 'audio', { direction: 'sendrecv' });
        pc.addTransceiver(video ?? 'video', { direction: 'sendrecv' });
      }
      publish();
      return peer;
    };

    const onSignal = async ({ meetingId: id, from, data }: MeetingSignal) => {
      if (id !== meetingId) return;
      const known = peers.current.get(from);
      const peer =
        known ?? peerFor(announced.get(from) ?? { peerId: from, userId: '', role: 'party', registrationId: null, side: null, enterpriseName: null, displayName: null, joinedAt: '' }, false);
      const { pc } = peer;
      if (data.description) {
        const description = data.description;
        const collision = description.type === 'offer' && (peer.makingOffer || pc.signalingState !== 'stable');
        peer.ignoreOffer = !peer.polite && collision;
        if (peer.ignoreOffer) return;
        await pc.setRemoteDescription(description);
        if (description.type === 'offer') {
          // Answer with this side's tracks on the lines the offer brought.
          for (const t of pc.getTransceivers()) {
            const kind = t.receiver.track.kind;
            const track = kind === 'audio' ? (localRef.current?.getAudioTracks()[0] ?? null) : videoTrack();
            if (t.sender.track !== track) await t.sender.replaceTrack(track);
            t.direction = 'sendrecv';
          }
          await pc.setLocalDescription();
          send(from, { description: pc.localDescription!.toJSON() });
        }
      } else if (data.candidate !== undefined) {
        try {
          await pc.addIceCandidate(data.candidate ?? undefined);
        } catch (error) {
          if (!peer.ignoreOffer) throw error;
        }
      }
    };

    const join = () => {
      closeAll();
      setState('joining');
      socket.emit('meeting.join', { meetingId }, (answer) => {
        if (gone) return;
        if (!answer.ok) {
          setRefusal(answer.error);
          setState('refused');
          return;
        }
        const joined: MeetingJoinResult = answer.data;
        setRefusal(null);
        iceServers = joined.iceServers;
        selfRef.current = joined.self.peerId;
        setState('waiting');
        for (const participant of joined.participants) peerFor(participant, true);
        publish();
      });
    };

    const start = async () => {
      localRef.current = await openMedia(setMedia);
      if (gone) {
        localRef.current?.getTracks().forEach((t) => t.stop());
        return;
      }
      setLocal(localRef.current);
      setDevices((await navigator.mediaDevices?.enumerateDevices().catch(() => [] as MediaDeviceInfo[])) ?? []);
      ready = true;
      if (socket.connected) join();
    };

    const stop = listen(socket, {
      connect: () => {
        if (ready) join();
      },
      disconnect: () => {
        closeAll();
        publish();
      },
      // One signal at a time, in arrival order: a candidate handled while the offer's setRemoteDescription
      // is still pending would fail and be lost, and ICE would then wait on the candidates left.
      'meeting.signal': (signal) => {
        signals = signals.then(() => onSignal(signal)).catch(() => undefined);
      },
      'meeting.peer': ({ meetingId: id, change, peer }: MeetingPeerChange) => {
        if (id !== meetingId) return;
        if (change === 'left') {
          close(peer.peerId);
          announced.delete(peer.peerId);
        } else {
          announced.set(peer.peerId, peer);
          const known = peers.current.get(peer.peerId);
          if (known) known.participant = peer;
        }
        publish();
      },
    });
    void start();
    return () => {
      gone = true;
      stop();
      if (socket.connected) socket.emit('meeting.leave', { meetingId }, () => undefined);
      closeAll();
      localRef.current?.getTracks().forEach((t) => t.stop());
      screenRef.current?.stop();
      releaseLiveSocket(socket);
      delete window.tradebridgeCall;
    };
  }, [meetingId, publish]);

  const senders = (kind: 'audio' | 'video') =>
    [...peers.current.values()].flatMap((p) =>
      p.pc
        .getTransceivers()
        .filter((t) => (t.sender.track?.kind ?? t.receiver.track.kind) === kind)
        .map((t) => t.sender),
    );

  const toggleMic = () => {
    const on = !micOn;
    localRef.current?.getAudioTracks().forEach((t) => (t.enabled = on));
    setMicOn(on);
  };
  const toggleCam = () => {
    const on = !camOn;
    localRef.current?.getVideoTracks().forEach((t) => (t.enabled = on));
    setCamOn(on);
  };

  /** Replaces this side's camera or microphone by another device, in every connection. */
  const chooseDevice = async (kind: 'audio' | 'video', deviceId: string) => {
    const stream = await navigator.mediaDevices.getUserMedia(kind === 'audio' ? { audio: { deviceId: { exact: deviceId } } } : { video: { deviceId: { exact: deviceId } } });
    const track = stream.getTracks()[0];
    const current = localRef.current ?? new MediaStream();
    for (const old of kind === 'audio' ? current.getAudioTracks() : current.getVideoTracks()) {
      current.removeTrack(old);
      old.stop();
    }
    track.enabled = kind === 'audio' ? micOn : camOn;
    current.addTrack(track);
    localRef.current = current;
    setLocal(new MediaStream(current.getTracks()));
    if (kind === 'audio' || !screenRef.current) for (const sender of senders(kind)) await sender.replaceTrack(track);
  };

  const toggleShare = async () => {
    if (screenRef.current) {
      screenRef.current.stop();
      screenRef.current = null;
      setSharing(false);
      const camera = localRef.current?.getVideoTracks()[0] ?? null;
      for (const sender of senders('video')) await sender.replaceTrack(camera);
      return;
    }
    const screen = await navigator.mediaDevices.getDisplayMedia({ video: true });
    const track = screen.getVideoTracks()[0];
    screenRef.current = track;
    setSharing(true);
    track.onended = () => void toggleShare();
    for (const sender of senders('video')) await sender.replaceTrack(track);
  };

  return { state, refusal, media, local, remotes, micOn, camOn, sharing, devices, toggleMic, toggleCam, toggleShare, chooseDevice };
}

/** Camera and microphone; else the microphone alone; else nothing (the call still receives). */
async function openMedia(report: (problem: MediaProblem) => void): Promise<MediaStream | null> {
  const md = navigator.mediaDevices;
  if (!md?.getUserMedia) {
    report('all');
    return null;
  }
  try {
    report(null);
    return await md.getUserMedia({ audio: true, video: true });
  } catch {
    try {
      const audio = await md.getUserMedia({ audio: true });
      report('camera');
      return audio;
    } catch {
      report('all');
      return null;
    }
  }
}
