# syntax=docker/dockerfile:1
# The API image. docker-compose.yml also runs the migration CLI from it
# (`node --import tsx migrations/src/cli.ts`), so it carries migrations/ too.
# Build from the repository root: docker build -f deploy/api.Dockerfile -t mtm-api .

FROM node:20-bookworm-slim AS build
# corepack's signature check on the registry metadata fails on our machines; npm does not.
RUN npm install -g pnpm@10.34.9
WORKDIR /app
# Manifests before sources, so the dependency layer stays cached until one of
# them changes. All workspace manifests: the frozen lockfile names every importer.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY packages/shared/package.json packages/shared/
COPY migrations/package.json migrations/
COPY services/api/package.json services/api/
COPY services/supervisor/package.json services/supervisor/
# Sources run through tsx (no build step) and tsx is a devDependency of the
# workspace root, hence --prod=false. pnpm 10 always installs the root project,
# even under --filter, which is what puts tsx in /app/node_modules where
# `node --import tsx` resolves it; the price is the root's other dev tools
# (typescript, eslint, prettier, mocha: about 60 MB). `pnpm deploy` does not help: it
# packs one project with its own dependencies, and neither tsx nor
# @mtm/migrations is a dependency of @mtm/api.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prod=false --store-dir /pnpm/store \
      --filter "@mtm/api..." --filter "@mtm/migrations..."
COPY tsconfig.json openapi.yaml ./
COPY packages/shared/src packages/shared/src
COPY migrations/src migrations/src
COPY migrations/sql migrations/sql
COPY services/api/src services/api/src

FROM node:20-bookworm-slim
# tini as PID 1 forwards SIGTERM to node and reaps zombies. Not `tini -g`: the
# group holds tsx's esbuild service, which node still needs while it drains.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# pnpm's node_modules is a tree of relative symlinks: it works because /app stays /app.
# Files stay owned by root, so the service cannot rewrite its own code.
COPY --from=build /app /app
# A container bound to loopback cannot be reached through a published port.
ENV SERVER_HOST=0.0.0.0 SERVER_PORT=8080
USER node
EXPOSE 8080
# Slim images have no curl; node 20 has fetch.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.SERVER_PORT || 8080) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# node itself, not `pnpm start` or the tsx CLI, so the signal reaches the process that handles it.
CMD ["node", "--import", "tsx", "services/api/src/main.ts"]
