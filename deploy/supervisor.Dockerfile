# syntax=docker/dockerfile:1
# The supervisor image: consumes tenant queues, serves /health and /metrics.
# Build from the repository root: docker build -f deploy/supervisor.Dockerfile -t mtm-supervisor .
# Same layout as api.Dockerfile; the comments there explain the choices.

FROM node:20-bookworm-slim AS build
RUN npm install -g pnpm@10.34.9
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY packages/shared/package.json packages/shared/
COPY migrations/package.json migrations/
COPY services/api/package.json services/api/
COPY services/supervisor/package.json services/supervisor/
# --prod=false: tsx, needed at run time, is a devDependency of the workspace root.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod=false --store-dir /pnpm/store \
      --filter "@mtm/supervisor..."
COPY tsconfig.json ./
COPY packages/shared/src packages/shared/src
COPY services/supervisor/src services/supervisor/src

FROM node:20-bookworm-slim
# tini forwards SIGTERM to node (not -g: tsx's esbuild service must outlive the drain).
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
ENV SUPERVISOR_HOST=0.0.0.0 SUPERVISOR_PORT=8081
USER node
EXPOSE 8081
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.SUPERVISOR_PORT || 8081) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# node itself, so SIGTERM starts the drain: stop taking deliveries, commit and ack, release tenants.
CMD ["node", "--import", "tsx", "services/supervisor/src/main.ts"]
