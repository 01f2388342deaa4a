# syntax=docker/dockerfile:1
# The image of any one service: one Dockerfile for all seven, so they cannot drift apart.
# Built by skaffold (skaffold.yaml) with the repository root as the context:
#   docker build -f scripts/docker/service.Dockerfile --build-arg SERVICE=api-key \
#     --build-arg PORTS="50051 9401" .
# Stage 1 installs the workspace, builds @orrery/$SERVICE and the libraries it uses, then
# `pnpm deploy` copies a pruned, self-contained folder (production dependencies only, the
# workspace libraries as real directories). Stage 2 is that folder on a clean Node image.
# Node 24 is the LTS line for images (ENVIRONMENT.md); the code targets Node >= 20.19.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
# The service folder under services/ (gateway, api-key, rate-limit, …).
ARG SERVICE
ENV PNPM_HOME=/pnpm
ENV PATH=$PNPM_HOME:$PATH
WORKDIR /src
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
# The pnpm version pinned by the root package.json's packageManager field.
RUN npm install --global "pnpm@$(node -p "require('./package.json').packageManager.split('@')[1]")"
# Fetch by lockfile only, so this layer is reused until pnpm-lock.yaml changes.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch --frozen-lockfile
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --frozen-lockfile --offline
# The service and every workspace package it depends on, in dependency order (each package's
# own build script, e.g. prisma generate before tsc).
RUN test -n "${SERVICE}" && test -f "services/${SERVICE}/package.json"
RUN pnpm --filter "@orrery/${SERVICE}..." run build
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm --filter "@orrery/${SERVICE}" deploy --legacy --prod /out

FROM ${NODE_IMAGE}
ARG SERVICE
# The ports the service listens on, for documentation (EXPOSE publishes nothing).
ARG PORTS
LABEL org.opencontainers.image.title="orrery-${SERVICE}" \
      org.opencontainers.image.description="Orrery ${SERVICE} service"
ENV NODE_ENV=production
# npm and corepack are not needed to run the service: fewer tools for an intruder.
RUN rm -rf /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack \
      /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack
WORKDIR /app
# Owned by root and read-only for the service's user; the pods also mount the root file system
# read-only (charts/orrery-lib) with a writable /tmp.
COPY --from=build /out ./
USER 10001:10001
EXPOSE ${PORTS}
CMD ["node", "--enable-source-maps", "dist/main.js"]
