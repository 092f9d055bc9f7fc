# rankwatch: one image for every role (ROLE picks what a container runs). Not built in CI: the
# machines that run CI reach no image registry. Build: docker build -t rankwatch .
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY bin ./bin
COPY src ./src
COPY commands ./commands
COPY data/sample ./data/sample
# `prepare` bundles src/ into dist/; the dev dependencies are dropped afterwards.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev
USER node
EXPOSE 8080
ENV HTTP_PORT=8080
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.HTTP_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/rankwatch.js", "start"]
