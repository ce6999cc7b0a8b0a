import { useEffect, useRef } from 'react';
import { toCanvas } from 'qrcode';

/** A QR code drawn on a canvas (the badge code stays readable as text beside it). */
export function QrCode({ value, size = 240, label }: { value: string; size?: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    toCanvas(canvas.current, value, { width: size, margin: 2, errorCorrectionLevel: 'M', color: { dark: '#0f2a44', light: '#ffffff' } }).catch(() => undefined);
  }, [value, size]);
  return <canvas ref={canvas} width={size} height={size} role="img" aria-label={label} className="qr" data-code={value} />;
}
