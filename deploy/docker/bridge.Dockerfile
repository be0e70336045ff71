# The Nobat firmware bridge: the esbuild bundle (firmware-bridge/dist) on the bridge's production
# dependencies only. Build from the repository root:
#   docker build -f deploy/docker/bridge.Dockerfile -t nobat-bridge .
# It reads its configuration from /etc/nobat/bridge.json (NOBAT_BRIDGE_CONFIG) and needs the serial
# devices of the office passed in (`devices:` in deploy/compose.yaml); its user is in the dialout and lp
# groups, which own /dev/ttyUSB*, /dev/ttyS* and /dev/usb/lp* on Debian and Ubuntu hosts (gid 20 and 7).

# Stage 1, the manifests: every workspace's package.json, so `npm ci` can read the lockfile.
# better-sqlite3 (a server dependency, installed by the full `npm ci`) is compiled from source.
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

# Stage 2, the build: all dependencies, then the bridge bundle (main, simulator, renderer thread).
FROM base AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN node firmware-bridge/scripts/build.mjs

# Stage 3, what the bridge needs at run time: its production dependencies, nothing else.
FROM base AS runtime-deps
RUN npm ci --no-audit --no-fund --omit=dev --workspace firmware-bridge

# The image: node, the production node_modules, the built files; no compiler, no sources.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
  NOBAT_BRIDGE_CONFIG=/etc/nobat/bridge.json
RUN groupadd --system --gid 10001 nobat \
  && useradd --system --uid 10001 --gid nobat --groups dialout,lp --no-create-home --shell /usr/sbin/nologin nobat
WORKDIR /app
COPY --from=runtime-deps /app /app
COPY --from=build /app/firmware-bridge/dist firmware-bridge/dist
USER nobat
# The bridge serves no HTTP: it is healthy while the server it reports to answers (a bridge that
# cannot reach the server keeps trying on its own; the server shows its devices offline meanwhile).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "const c=JSON.parse(require('fs').readFileSync(process.env.NOBAT_BRIDGE_CONFIG,'utf8'));fetch(new URL('/healthz',c.server.url)).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "firmware-bridge/dist/main.js"]
