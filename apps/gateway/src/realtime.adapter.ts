import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { APP_CONFIG, AppConfig } from '@tradebridge/core';

/**
 * Socket.IO with the Redis adapter when REDIS_URL is set, so rooms, presence
 * (fetchSockets) and broadcasts span every gateway node; in-memory otherwise.
 * Its CORS (HTTP long-polling from a browser page of another origin) follows
 * the API's allow-list, CORS_ORIGINS: none by default.
 */
export class RealtimeAdapter extends IoAdapter {
  private readonly logger = new Logger('RealtimeAdapter');
  private redisAdapter?: ReturnType<typeof createAdapter>;
  private clients: Redis[] = [];

  private readonly corsOrigins: string[];

  constructor(app: INestApplicationContext) {
    super(app);
    this.corsOrigins = app.get<AppConfig>(APP_CONFIG, { strict: false }).corsOrigins;
  }

  async connectToRedis(url: string): Promise<void> {
    const pub = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
    const sub = pub.duplicate();
    pub.on('error', (e) => this.logger.warn(`redis: ${e.message}`));
    sub.on('error', (e) => this.logger.warn(`redis: ${e.message}`));
    await Promise.all([pub.connect(), sub.connect()]);
    this.clients = [pub, sub];
    this.redisAdapter = createAdapter(pub, sub, { requestsTimeout: 3_000 });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const cors = { origin: this.corsOrigins.length ? this.corsOrigins : false, methods: ['GET', 'POST'], credentials: false };
    const server = super.createIOServer(port, { ...options, cors }) as Server;
    if (this.redisAdapter) server.adapter(this.redisAdapter);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    for (const client of this.clients) client.disconnect();
    this.clients = [];
  }
}
