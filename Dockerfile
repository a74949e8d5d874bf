# Builds the API and the SPA, then runs the API, which serves the SPA on the same origin.
FROM node:22-slim AS build
WORKDIR /app
# Native modules (argon2, better-sqlite3) compile here when no prebuilt binary fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NX_DAEMON=false NX_NO_CLOUD=true
RUN npx nx run-many -t build -p api web \
  && npm prune --omit=dev

FROM node:22-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/apps ./dist/apps
# The default SQLite database lives in ./data when DATABASE_URL is not set.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
