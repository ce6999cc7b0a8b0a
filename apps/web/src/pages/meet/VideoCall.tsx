import { useEffect, useRef } from 'react';
import { codeText } from '../../i18n/errors';
import { formatInstant } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/en';
import { asyncHandler } from '../../components/async-handler';
import { useMeetingCall } from '../../live/useMeetingCall';

function Video({ stream, muted, label, testId }: { stream: MediaStream | null; muted: boolean; label: string; testId: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return (
    <figure className="call-tile">
      <video ref={ref} autoPlay playsInline muted={muted} data-testid={testId} aria-label={label} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

/**
 * The video call of an online meeting (useMeetingCall): both videos, the
 * controls, the connection state and, when it cannot connect, why.
 */
export function VideoCall({ meetingId, timeZone, contacts }: { meetingId: string; timeZone: string; contacts: boolean }) {
  const { t, name, locale } = useI18n();
  const call = useMeetingCall(meetingId);
  const cameras = call.devices.filter((d) => d.kind === 'videoinput');
  const mics = call.devices.filter((d) => d.kind === 'audioinput');
  const refusal = call.refusal;
  return (
    <section className="card call" aria-labelledby="call-title">
      <div className="call-head">
        <h2 id="call-title" className="section-title">
          {t('call.title')}
        </h2>
        <span className={`call-state call-state-${call.state}`} data-testid="call-state" data-state={call.state} role="status">
          {t(`call.state.${call.state}` as MessageKey)}
        </span>
      </div>
      {refusal && (
        <div className="alert alert-error" role="alert" data-testid="call-refusal" data-code={refusal.code}>
          <span>
            {codeText(locale, { status: 0, code: refusal.code, message: refusal.message })}
            {refusal.code === 'MEETING_ROOM_CLOSED' && refusal.opensAt && new Date(refusal.opensAt) > new Date() && (
              <> {t('call.opensAt', { time: formatInstant(refusal.opensAt, timeZone, locale) })}</>
            )}
          </span>
        </div>
      )}
      {call.media && (
        <p className="alert alert-warning" data-testid="call-media">
          {t(call.media === 'camera' ? 'call.cameraRefused' : 'call.noMedia')}
        </p>
      )}
      {call.state === 'failed' && <p className="alert alert-warning">{t('call.iceFailed')}</p>}
      {!refusal && (
        <>
          <div className="call-grid">
            {call.remotes.map((r) => (
              <Video
                key={r.participant.peerId}
                stream={r.stream}
                muted={false}
                testId="call-remote-video"
                label={r.participant.enterpriseName ? name(r.participant.enterpriseName) : (r.participant.displayName ?? t('call.partner'))}
              />
            ))}
            <Video stream={call.local} muted testId="call-local-video" label={t('call.you')} />
          </div>
          <div className="call-controls">
            <button type="button" className="btn btn-secondary btn-small" onClick={call.toggleMic} aria-pressed={!call.micOn} disabled={!call.local?.getAudioTracks().length}>
              {t(call.micOn ? 'call.micOff' : 'call.micOn')}
            </button>
            <button type="button" className="btn btn-secondary btn-small" onClick={call.toggleCam} aria-pressed={!call.camOn} disabled={!call.local?.getVideoTracks().length}>
              {t(call.camOn ? 'call.camOff' : 'call.camOn')}
            </button>
            <button type="button" className="btn btn-secondary btn-small" onClick={asyncHandler(call.toggleShare)} aria-pressed={call.sharing}>
              {t(call.sharing ? 'call.stopShare' : 'call.share')}
            </button>
            {cameras.length > 0 && (
              <label className="call-device">
                {t('call.camera')}
                <select onChange={(e) => void call.chooseDevice('video', e.target.value)}>
                  {cameras.map((d, i) => (
                    <option key={d.deviceId} value={d.deviceId}>
                      {d.label || `${t('call.camera')} ${i + 1}`}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {mics.length > 0 && (
              <label className="call-device">
                {t('call.microphone')}
                <select onChange={(e) => void call.chooseDevice('audio', e.target.value)}>
                  {mics.map((d, i) => (
                    <option key={d.deviceId} value={d.deviceId}>
                      {d.label || `${t('call.microphone')} ${i + 1}`}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
        </>
      )}
      {contacts && (refusal || call.state === 'failed') && <p className="muted">{t('call.fallback')}</p>}
    </section>
  );
}
