# One image for the four subgraphs, the gateway and the one-shot setup job; docker-compose.yml picks the command.
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY services/common/package.json services/common/
COPY services/campaign/package.json services/campaign/
COPY services/evaluation/package.json services/evaluation/
COPY services/reward/package.json services/reward/
COPY services/media/package.json services/media/
COPY services/notification/package.json services/notification/
COPY gateway/package.json gateway/
RUN npm ci --no-audit --no-fund --omit=optional
# documents are printed by Debian's Chromium and set in Liberation Serif (Times New Roman's metrics, Vietnamese)
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation2 fontconfig && rm -rf /var/lib/apt/lists/*
COPY . .
ENV HOST=0.0.0.0 NODE_ENV=production
USER node
