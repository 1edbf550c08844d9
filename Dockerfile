# newsworker's image: one image for the worker, beat, watcher and Flower (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY pyproject.toml README.md ./
COPY worker ./worker
COPY seeds ./seeds
COPY schemas ./schemas
RUN pip install . && rm -rf /src

RUN useradd --system --uid 10001 --user-group --home-dir /data/home --no-create-home newsworker \
    && mkdir -p /data/home /data/inbox \
    && chown -R newsworker:newsworker /data
USER newsworker
WORKDIR /data/home

ENV NEWSWORKER_HOME=/data/home \
    NEWSWORKER_INBOX=/data/inbox
EXPOSE 5555
CMD ["newsworker", "worker"]
