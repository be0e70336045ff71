# The Nobat server: the esbuild bundle (server/dist) and the browser apps (kiosk, display, counter,
# console dist), on the server's production dependencies only. Build from the repository root:
#   docker build -f deploy/docker/server.Dockerfile -t nobat-server .
# Data (the SQLite store, its history) lives in /var/lib/nobat; mount a volume there.

# Stage 1, the manifests: every workspace's package.json, so `npm ci` can read the lockfile.
# better-sqlite3 is compiled from source at install (.prebuild-installrc), hence python3, make and g++.
FROM node:20-bookworm-slim AS base
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .prebuild-installrc ./
COPY protocol/package.json protocol/
COPY client/package.json client/
COPY server/package.json server/
COPY kiosk/package.json kiosk/
COPY display/package.json display/
COPY counter/package.json counter/
COPY console/package.json console/
COPY firmware-bridge/package.json firmware-bridge/
COPY tests/package.json tests/

# Stage 2, the build: all dependencies, then the server bundle and the four apps.
FROM base AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN node server/scripts/build.mjs \
  && npm run build --workspace kiosk --workspace display --workspace counter --workspace console

# Stage 3, what the server needs at run time: its production dependencies, nothing else.
FROM base AS runtime-deps
RUN npm ci --no-audit --no-fund --omit=dev --workspace server

# The image: node, the production node_modules, the built files; no compiler, no sources.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
  PORT=8080 \
  NOBAT_DATA_DIR=/var/lib/nobat
RUN groupadd --system --gid 10001 nobat \
  && useradd --system --uid 10001 --gid nobat --home-dir /var/lib/nobat --shell /usr/sbin/nologin nobat \
  && mkdir -p /var/lib/nobat \
  && chown nobat:nobat /var/lib/nobat
WORKDIR /app
COPY --from=runtime-deps /app /app
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/kiosk/dist kiosk/dist
COPY --from=build /app/display/dist display/dist
COPY --from=build /app/counter/dist counter/dist
COPY --from=build /app/console/dist console/dist
USER nobat
VOLUME ["/var/lib/nobat"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "server/dist/main.js"]
