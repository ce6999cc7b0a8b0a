import { useEffect, useRef, useState } from 'react';
import jsQR from 'jsqr';
import { Notice } from './ui';
import { useI18n } from '../i18n/I18nProvider';

export const canUseCamera = () => typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);

/**
 * Reads a QR code from the camera: frames go through jsQR until one decodes.
 * The stream stops as soon as a code is found or the scanner closes.
 */
export function CameraScanner({ onCode, onClose }: { onCode(code: string): void; onClose(): void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const tick = () => {
      if (stopped) return;
      const v = video.current;
      if (v && context && v.readyState >= v.HAVE_ENOUGH_DATA && v.videoWidth > 0) {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        context.drawImage(v, 0, 0, canvas.width, canvas.height);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        if (found?.data) {
          stopped = true;
          onCode(found.data);
          return;
        }
      }
      frame = requestAnimationFrame(tick);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((s) => {
        stream = s;
        if (stopped) return;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play().catch(() => undefined);
        }
        frame = requestAnimationFrame(tick);
      })
      .catch(() => setProblem(t('badge.cameraDenied')));
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [onCode, t]);

  return (
    <div className="scanner">
      {problem ? <Notice kind="warning">{problem}</Notice> : <video ref={video} className="scanner-video" muted playsInline aria-label={t('badge.cameraView')} />}
      <button type="button" className="btn btn-ghost btn-small" onClick={onClose}>
        {t('badge.stopCamera')}
      </button>
    </div>
  );
}
