import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';
import type { AppConfig } from '@tradebridge/core';

/**
 * Browser-facing protection of everything the API process serves: the API, the
 * web app at `/` and Swagger UI at `/api/docs`.
 *
 * - helmet's headers, with a Content-Security-Policy the two pages run under:
 *   scripts only from this origin (the Vite build and Swagger UI load theirs as
 *   files), inline styles (Swagger UI has `<style>` blocks, React sets `style`),
 *   images from here, `data:` and `blob:` (QR codes, Swagger's icons), and
 *   connections to this origin only, which covers the same-origin WebSocket of
 *   `/live`. No `upgrade-insecure-requests`: a newcomer runs it over plain HTTP
 *   (localhost or a LAN address), where that directive would break every asset.
 * - CORS only for the origins of `CORS_ORIGINS`; none by default (same-origin only).
 *   Tokens travel in the Authorization header, never in cookies, so no credentials.
 */
export function applyHttpSecurity(app: INestApplication, config: AppConfig): void {
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'font-src': ["'self'", 'data:'],
          'connect-src': ["'self'"],
          'object-src': ["'none'"],
          'frame-ancestors': ["'self'"],
          'upgrade-insecure-requests': null,
        },
      },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  );
  app.enableCors({
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposedHeaders: ['Retry-After', 'Idempotent-Replayed', 'Content-Disposition'],
    credentials: false,
    maxAge: 600,
  });
}
