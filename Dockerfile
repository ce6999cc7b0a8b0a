# One image for every TradeBridge process: `node bin/run.js api|gateway|migrate`.

# ---- build: all dependencies, compile TypeScript to dist/ ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
# The build writes the OpenAPI document and the web app's types from it (bin/openapi.js).
COPY bin ./bin
RUN npm run build

# ---- runtime: production dependencies, the build, the launcher ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# bin/run.js resolves the @tradebridge/* imports from tsconfig.json's paths.
COPY bin ./bin
COPY tsconfig.json ./
# The web app's production build, served at / (WEB_DIST_DIR; paths are relative to /app).
COPY --from=build /app/apps/web/dist ./apps/web/dist
# DATA_DIR (./data) must be writable by the unprivileged user.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 3000 3001
CMD ["node", "bin/run.js", "api"]
