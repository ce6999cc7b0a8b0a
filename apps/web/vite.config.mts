import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The web app's build: `vite build --config apps/web/vite.config.mts` writes
 * apps/web/dist, which the API serves at `/` (WEB_DIST_DIR). Vite 8 compiles
 * TSX itself (Oxc), so no React plugin is needed; there is no fast refresh.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  // public/ holds the placeholder page served before the first build; it is not part of the app.
  publicDir: false,
  resolve: {
    alias: {
      '@tradebridge/contracts': resolve(import.meta.dirname, '../../libs/contracts/src/index.ts'),
      // Noto Sans SC for Chinese (and Vietnamese) where the device has no CJK font of its own.
      '@fonts/noto-sans-sc': resolve(import.meta.dirname, '../../node_modules/@expo-google-fonts/noto-sans-sc'),
    },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    // Hashing the 10 MB CJK font makes the CSS step look slow; the timing warning is noise here.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    // `npm run dev` (bin/dev.js) runs it beside an API on 3310; by hand: `npx vite --config
    // apps/web/vite.config.mts` against `npm start` with PORT=3310.
    proxy: {
      '/api': 'http://127.0.0.1:3310',
      '/health': 'http://127.0.0.1:3310',
      '/socket.io': { target: 'ws://127.0.0.1:3310', ws: true },
    },
  },
});
