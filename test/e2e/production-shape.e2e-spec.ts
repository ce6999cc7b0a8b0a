import express from 'express';
import { load } from 'js-yaml';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@tradebridge/core';

/**
 * docker-compose.yml checked as far as it can be without a Docker engine: its
 * services agree with the nginx configuration it mounts (deploy/nginx), only
 * nginx is public, and every process's environment is a valid configuration.
 * What the shape does at run time is test/browser/proxied.cluster-spec.ts: the
 * same deploy/nginx/tradebridge.conf in front of two APIs and two gateways.
 */
const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

type Service = {
  image?: string;
  command?: string[];
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
};

/** YAML merge keys (`<<: *anchor`), which compose applies and js-yaml leaves as they are. */
function merged(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(merged);
  if (value === null || typeof value !== 'object') return value;
  const { '<<': base, ...own } = value as Record<string, unknown>;
  const result: Record<string, unknown> = { ...((merged(base) as Record<string, unknown> | undefined) ?? {}) };
  for (const [key, v] of Object.entries(own)) result[key] = merged(v);
  return result;
}

/** `${VAR:?message}` and `${VAR:-default}` as compose fills them, from `given`. */
function interpolated(env: Record<string, string>, given: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [
      key,
      String(value).replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => given[name] ?? (kind === '-' ? rest! : '')),
    ]),
  );
}

/** `server host:port …;` lines of an nginx include. */
function servers(text: string): string[] {
  return [...text.matchAll(/^\s*server\s+(\S+?)(?:\s[^;]*)?;/gm)].map((m) => m[1]);
}

describe('the production shape: docker-compose.yml and deploy/nginx agree', () => {
  const compose = merged(load(read('docker-compose.yml'))) as { services: Record<string, Service> };
  const services = compose.services;
  const byCommand = (mode: string) => Object.entries(services).filter(([, s]) => s.command?.join(' ') === `node bin/run.js ${mode}`);
  const apis = byCommand('api');
  const gateways = byCommand('gateway');
  const given = { POSTGRES_PASSWORD: 'a1b2c3d4e5f6', JWT_SECRET: 'compose-shape-test-secret-0123456789abcdef' };

  it('runs several API processes and gateways, and publishes only nginx', () => {
    expect(apis.length).toBeGreaterThanOrEqual(2);
    expect(gateways.length).toBeGreaterThanOrEqual(2);
    const published = Object.entries(services).filter(([, s]) => (s.ports ?? []).length > 0);
    expect(published.map(([name]) => name)).toEqual(['nginx']);
    expect(services.nginx.ports).toEqual(['3000:80']);
    expect(read('deploy/nginx/compose/listen.conf')).toMatch(/^listen 80;$/m);
  });

  it('mounts the shared nginx configuration and the addresses of its own services', () => {
    expect(services.nginx.volumes).toEqual(['./deploy/nginx/tradebridge.conf:/etc/nginx/conf.d/default.conf:ro', './deploy/nginx/compose:/etc/nginx/tradebridge.d:ro']);
    // Every file the shared configuration includes is one compose provides.
    const includes = [...read('deploy/nginx/tradebridge.conf').matchAll(/^\s*include\s+([^;]+);/gm)].map((m) => m[1]);
    expect(includes.sort()).toEqual(['tradebridge.d/api-servers.conf', 'tradebridge.d/gateway-servers.conf', 'tradebridge.d/gateway-servers.conf', 'tradebridge.d/listen.conf']);
    for (const file of new Set(includes)) expect(existsSync(join(ROOT, 'deploy/nginx/compose', file.replace('tradebridge.d/', '')))).toBe(true);
  });

  it('sends nginx to every API and gateway service, on the port each listens on', () => {
    const port = (service: Service, name: 'PORT' | 'GATEWAY_PORT') => loadConfig(interpolated(service.environment ?? {}, given))[name === 'PORT' ? 'port' : 'gatewayPort'];
    expect(servers(read('deploy/nginx/compose/api-servers.conf')).sort()).toEqual(apis.map(([name, s]) => `${name}:${port(s, 'PORT')}`).sort());
    expect(servers(read('deploy/nginx/compose/gateway-servers.conf')).sort()).toEqual(gateways.map(([name, s]) => `${name}:${port(s, 'GATEWAY_PORT')}`).sort());
  });

  it('starts nginx once every API and gateway is healthy, and health-checks every service', () => {
    for (const [name] of [...apis, ...gateways]) expect(services.nginx.depends_on?.[name]).toEqual({ condition: 'service_healthy' });
    for (const [name, service] of Object.entries(services)) expect({ name, healthcheck: Boolean(service.healthcheck?.test?.length) }).toEqual({ name, healthcheck: true });
  });

  it('gives every process a valid configuration, and the APIs trust nginx on the compose network', () => {
    for (const [, service] of [...apis, ...gateways]) {
      const config = loadConfig(interpolated(service.environment ?? {}, given));
      expect(config.env).toBe('production');
      expect(config.redisUrl).toBe('redis://redis:6379');
      expect(config.publicUrl).toBe('http://localhost:3000');
    }
    for (const [, service] of apis) {
      const trusts = express()
        .set('trust proxy', loadConfig(interpolated(service.environment ?? {}, given)).trustProxy)
        .get('trust proxy fn') as (address: string, hop: number) => boolean;
      // Compose networks are private ranges (172.16.0.0/12 by default, 192.168.0.0/16 or 10.0.0.0/8 when configured).
      for (const nginx of ['172.18.0.5', '192.168.16.3', '10.0.3.7']) expect({ nginx, trusted: trusts(nginx, 0) }).toEqual({ nginx, trusted: true });
      expect(trusts('203.0.113.9', 0)).toBe(false);
    }
  });
});
