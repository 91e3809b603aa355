# The planner service. Runs TypeScript through tsx (no build step to drift from the sources).
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data

WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prisma-generate.mjs scripts/prisma-generate.mjs
COPY prisma ./prisma
COPY prisma.config.ts ./
# Dev dependencies are kept: the Prisma CLI generates the client at install time and tsx runs the service.
RUN npm ci --include=dev --no-audit --no-fund && npm cache clean --force
COPY src ./src
COPY tsconfig.json ./
# No test code in the image (.dockerignore leaves it out; production code never imports it, see biome.json).
RUN if [ -e src/domain/testing ] || [ -n "$(find src -name '*.test.ts' -print -quit)" ]; then \
      echo 'test code in the build context: check .dockerignore' >&2; exit 1; \
    fi

RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["npm", "start"]
