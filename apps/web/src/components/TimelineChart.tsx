import { useId } from 'react';

export interface TimelinePoint {
  at: Date;
  value: number;
}

/**
 * Connections made over time, as a cumulative area chart drawn in SVG: the
 * line only ever climbs, which is the story an organizer tells on the projector.
 */
export function TimelineChart({
  points,
  label,
  formatTick,
  height = 220,
  dark = false,
  stepMs = 60_000,
  width = 800,
}: {
  points: TimelinePoint[];
  label: string;
  formatTick(at: Date): string;
  height?: number;
  dark?: boolean;
  /** The width of one bucket (a minute on the dashboard, an hour in the report): a lone point starts one step earlier at zero. */
  stepMs?: number;
  /** The drawing's width in its own units: wider draws a flatter chart at the same text size (the projector dashboard). */
  width?: number;
}) {
  const gradient = useId();
  const pad = { top: 16, right: 16, bottom: 30, left: 44 };
  const sorted = [...points].sort((a, b) => a.at.getTime() - b.at.getTime());
  let running = 0;
  const cumulative = sorted.map((p) => ({ at: p.at, total: (running += p.value) }));
  const series = cumulative.length === 1 ? [{ at: new Date(cumulative[0].at.getTime() - stepMs), total: 0 }, ...cumulative] : cumulative;
  const max = Math.max(1, ...series.map((p) => p.total));
  const niceMax = max <= 5 ? max : Math.ceil(max / 5) * 5;
  const t0 = series[0]?.at.getTime() ?? 0;
  const t1 = series[series.length - 1]?.at.getTime() ?? 1;
  const x = (t: number) => pad.left + ((t - t0) / Math.max(1, t1 - t0)) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / niceMax) * (height - pad.top - pad.bottom);
  const line = series.map((p, i) => `${i ? 'L' : 'M'}${x(p.at.getTime()).toFixed(1)},${y(p.total).toFixed(1)}`).join(' ');
  const area = series.length ? `${line} L${x(t1).toFixed(1)},${y(0)} L${x(t0).toFixed(1)},${y(0)} Z` : '';
  const yTicks = Array.from(new Set([0, Math.round(niceMax / 2), niceMax]));
  // First, middle and last instants, leaving out any that would crowd its neighbour.
  const candidates = series.length > 1 ? [series[0], series[Math.floor(series.length / 2)], series[series.length - 1]] : series;
  const xTicks = candidates.filter((p, i) => {
    if (i === 0 || i === candidates.length - 1) return true;
    const at = x(p.at.getTime());
    return at - x(candidates[0].at.getTime()) > 110 && x(candidates[candidates.length - 1].at.getTime()) - at > 110;
  });
  if (xTicks.length === 2 && x(xTicks[1].at.getTime()) - x(xTicks[0].at.getTime()) < 110) xTicks.splice(0, 1);
  const last = series[series.length - 1];

  return (
    <figure className={`timeline${dark ? ' timeline-dark' : ''}`}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
        <defs>
          <linearGradient id={gradient} x1="0" x2="0" y1="0" y2="1">
            <stop offset="0%" stopColor="currentColor" stopOpacity="0.35" />
            <stop offset="100%" stopColor="currentColor" stopOpacity="0.02" />
          </linearGradient>
        </defs>
        {yTicks.map((v) => (
          <g key={v} className="timeline-grid">
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} />
            <text x={pad.left - 10} y={y(v) + 4} textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        {series.length > 0 && (
          <>
            <path d={area} fill={`url(#${gradient})`} className="timeline-area" />
            <path d={line} fill="none" className="timeline-line" />
            <circle cx={x(last.at.getTime())} cy={y(last.total)} r="5" className="timeline-dot" />
          </>
        )}
        {xTicks.map((p, i) => (
          <text key={i} x={x(p.at.getTime())} y={height - 8} textAnchor={i === 0 ? 'start' : i === xTicks.length - 1 ? 'end' : 'middle'} className="timeline-tick">
            {formatTick(p.at)}
          </text>
        ))}
      </svg>
    </figure>
  );
}
