FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Every package at the locked version, checked against its hash (make lock writes the file).
COPY requirements/prod.txt requirements/
RUN pip install --require-hashes -r requirements/prod.txt
COPY . .
RUN pip install --no-deps --no-build-isolation .
RUN python scripts/compile_messages.py \
 && SECRET_KEY=build-only DEBUG=0 python manage.py collectstatic --noinput

RUN useradd --create-home frivillig \
 && mkdir -p /data/media /data/backups && chown frivillig /data/media /data/backups
USER frivillig
EXPOSE 8000
# deploy/run starts every process (web, worker, beat, migrate) with exec: SIGTERM reaches it.
CMD ["deploy/run", "web"]
