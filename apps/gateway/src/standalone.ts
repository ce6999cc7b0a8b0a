import 'reflect-metadata';
import { bootApi } from '../../api/src/boot';
import { LiveGatewayModule } from './gateway.module';
import { LiveGateway } from './live.gateway';
import { RealtimeAdapter } from './realtime.adapter';

/**
 * `npm start`: the API, the live gateway and the web app on one URL, for a
 * newcomer's machine or a small event. The composition lives here, so the API
 * itself never imports the gateway.
 */
bootApi({
  alongside: [LiveGatewayModule],
  prepare: async (app, config) => {
    const adapter = new RealtimeAdapter(app);
    if (config.redisUrl) await adapter.connectToRedis(config.redisUrl);
    app.useWebSocketAdapter(adapter);
  },
  beforeClose: (app) => app.get(LiveGateway).farewell(),
  banner: (url) => [`  live:     ${url}/live (Socket.IO)`],
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
