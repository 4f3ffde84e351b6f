# One image for both bridge roles (docker-compose.yml runs `node lib/src/server.js` and `lib/src/worker.js`).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY workflows workflows
COPY activities activities
COPY scripts scripts
COPY web web
# The worker role loads lib/workflow-bundle.js (or -traced.js with traces on) instead of bundling at every start.
RUN npm run build:workflows && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# As in package.json's start scripts: a smaller heap keeps V8 from holding on to garbage (see docs/PERFORMANCE.md).
ENV NODE_OPTIONS=--max-old-space-size=256
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/lib lib
COPY --from=build /app/package.json package.json
COPY --from=build /app/workflows workflows
USER node
EXPOSE 8080
CMD ["node", "lib/src/server.js"]
