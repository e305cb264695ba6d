# syntax=docker/dockerfile:1
# Build stage: install everything, type-check and lint-free build, so a broken tree never becomes an image.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Production stage: runtime dependencies only, non-root, the SQLite file and the mappings on a volume.
# Node 24 runs the TypeScript sources directly (type stripping), so the image ships src/, not dist/.
# /app/mappings holds the shipped defaults (owned by root, read-only to the service); the mappings in
# force live in /data/mappings, which `serve --seed-mappings` fills from the defaults on first start
# (an empty volume) and approved proposals write to. Mount your own directory there to use your files.
FROM node:24-slim
ENV NODE_ENV=production \
    HEALTH_SYNC_DB=/data/health-sync.db \
    MAPPINGS_DIR=/data/mappings \
    PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/bin ./bin
COPY --from=build /app/src ./src
COPY --from=build /app/connectors ./connectors
COPY --from=build /app/mappings ./mappings
# The console, built by `npm ci` (the prepare script) in the build stage; the runtime install has no Vite.
COPY --from=build /app/dist/console ./dist/console
RUN ln -s /app/bin/health-sync.js /usr/local/bin/health-sync \
 && mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["health-sync", "serve", "--seed-mappings", "/app/mappings"]
