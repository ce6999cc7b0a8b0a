import 'reflect-metadata';
import { INestApplication, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AccountsService } from '@tradebridge/accounts';
import type { AppConfig } from '@tradebridge/core';
import { bootStandalone } from '../../standalone/src/compose';
import { ApiClient } from './api-client';
import { DEMO_EMAIL_DOMAIN, DEMO_EVENT, STAFF, VENUES } from './conference';
import { newDemoState, readDemoState, writeDemoState } from './demo-state';
import { featuredEnterprises, referenceEnterprises } from './enterprises';
import { DemoAccounts, emailOf, LoadedConference, loadReferenceConference } from './loader';
import { ConferenceSimulator } from './simulator';

/**
 * `npm run demo`: the same standalone server as `npm start` (apps/standalone: API, `/live` and
 * the web app on one URL; bin/run.js points DATA_DIR at ./data-demo unless it
 * is set, so demo data never mixes with real data), then the reference
 * conference loaded through the API, then the simulation that keeps its
 * dashboard moving until Ctrl-C.
 */
const stopping = new AbortController();
let serving = false;

async function main(): Promise<void> {
  const logger = new Logger('Demo');
  let simulator: ConferenceSimulator | undefined;
  let server: { app: INestApplication; config: AppConfig; firstAdmin: { email: string; password: string } | null } | undefined;

  await bootStandalone({
    prepare: async (app, config) => {
      // Made here rather than inside bootApi, so the demo learns the password it needs to appoint its organizer.
      server = { app, config, firstAdmin: await app.get(AccountsService).ensureAdmin() };
    },
    beforeClose: () => {
      stopping.abort();
      void simulator?.stop();
    },
  });
  if (!server) throw new Error('the server did not start');
  serving = true;
  const { app, config, firstAdmin } = server;
  if (config.databaseUrl) logger.warn('DATABASE_URL is set: the demo conference goes into that database');

  const state = readDemoState(config.dataDir) ?? newDemoState();
  if (firstAdmin) state.admin = { email: firstAdmin.email, password: firstAdmin.password };
  writeDemoState(config.dataDir, state);
  const admin = state.admin ?? (config.adminEmail && config.adminPassword ? { email: config.adminEmail, password: config.adminPassword } : undefined);
  const accounts: DemoAccounts = { admin, organizerPassword: state.organizerPassword, memberPassword: state.memberPassword, emailDomain: DEMO_EMAIL_DOMAIN };

  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  const localUrl = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}`;
  const enterprises = referenceEnterprises();
  const api = new ApiClient(localUrl, stopping.signal);

  logger.log(`preparing "${DEMO_EVENT.name.vi}" (${enterprises.length} enterprises) through the API…`);
  const started = Date.now();
  const conference = await loadReferenceConference({
    api,
    accounts,
    enterprises,
    eventId: state.eventId,
    onEventCreated: (eventId) => writeDemoState(config.dataDir, { ...state, eventId }),
    log: (line) => logger.log(line),
  });
  if (stopping.signal.aborted) return;
  const featured = featuredEnterprises(enterprises);
  simulator = new ConferenceSimulator({
    apiUrl: localUrl,
    liveUrl: localUrl,
    conference,
    accounts,
    reserved: featured.map((e) => e.key),
    log: (line) => logger.log(line),
  });
  await simulator.start();
  const seconds = (Date.now() - started) / 1000;
  console.log(`\n${banner(`http://localhost:${port}`, conference, accounts, featured, simulator.castSize, seconds, config.dataDir).join('\n')}\n`);
}

function banner(
  url: string,
  conference: LoadedConference,
  accounts: DemoAccounts,
  featured: ReturnType<typeof featuredEnterprises>,
  cast: number,
  seconds: number,
  dataDir: string,
): string[] {
  const sides = (side: string) => conference.participants.filter((p) => p.registration.side === side).length;
  const venueNames = new Map(Object.values(conference.venues).map((v) => [v.id, v.name]));
  const lines = [
    `Demo: "${DEMO_EVENT.name.vi}" is live (${conference.loadedNow ? `loaded in ${seconds.toFixed(0)} s` : 'loaded by an earlier run'}).`,
    `  ${sides('VN')} Vietnamese and ${sides('CN')} Chinese enterprises, ${Object.keys(VENUES).length} venues, 2 trade rooms; ${cast} simulated enterprises are joining their rooms.`,
    `  live dashboard: ${url}/org/events/${conference.eventId}/dashboard (sign in as the organizer)`,
    `  a trade room:   ${url}/events/${conference.eventId}/live (sign in as one of the enterprises below)`,
    `  results so far: ${url}/api/events/${conference.eventId}/report (with the organizer's token)`,
    '',
    `  organizer:   ${emailOf(STAFF.organizer.localPart, accounts)} / ${accounts.organizerPassword}`,
    `  moderators:  ${Object.values(STAFF.moderators)
      .map((m) => emailOf(m.localPart, accounts))
      .join(', ')} / ${accounts.memberPassword}`,
    `  enterprises (password ${accounts.memberPassword}; the simulation leaves these to you, and sends them a few requests):`,
    ...featured.map((e) => {
      const participant = conference.participants.find((p) => p.enterprise.key === e.key);
      const where = participant ? `${participant.registration.attendance === 'onsite' ? 'on site at' : 'online via'} ${venueNames.get(participant.registration.venueId)}` : '';
      return `    ${emailOf(e.key, accounts).padEnd(34)} ${e.side === 'VN' ? e.profile.name.vi : e.profile.name.zh} (${where})`;
    }),
  ];
  if (accounts.admin) lines.push('', `  admin:       ${accounts.admin.email} / ${accounts.admin.password}`);
  lines.push('', `  Ctrl-C stops the demo. Its data stays in ${dataDir} (delete the folder to start afresh).`);
  return lines;
}

let failed = false;
// A demo that could not load exits non-zero, after the server's orderly shutdown (which exits 0 itself).
process.on('exit', () => {
  if (failed) process.exitCode = 1;
});
main().catch((error: unknown) => {
  if (stopping.signal.aborted) return; // Ctrl-C while loading: the shutdown is under way
  failed = true;
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  if (serving) process.kill(process.pid, 'SIGTERM');
  else process.exit(1);
});
