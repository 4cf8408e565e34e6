# JobMarket production image: gunicorn (web), celery worker and celery beat all run
# from this image with different commands (see docker-compose.yml and README.md).
# The map's outlines come from npm (package-lock.json): installed in a Node stage, copied below.
FROM node:20-bookworm-slim AS npm-packages
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1

WORKDIR /app

COPY requirements.txt .
# torch from the CPU index first: PyPI's default Linux wheel drags in gigabytes of CUDA.
RUN if grep -q '^torch==' requirements.txt; then \
        pip install "$(grep '^torch==' requirements.txt)" --index-url https://download.pytorch.org/whl/cpu; \
    fi \
    && pip install -r requirements.txt

COPY . .
COPY --from=npm-packages /app/node_modules ./node_modules

# Static files are collected at build time and served by WhiteNoise. These values
# only let settings load for collectstatic; the real ones come from the environment.
RUN DEBUG=0 SECRET_KEY=build-only ALLOWED_HOSTS=localhost \
    DATABASE_URL=postgres://build@localhost/build python manage.py collectstatic --noinput

# The default embedding backend (onnx-int8) runs an ONNX export of the model: made here once,
# so that web and worker processes load it in a fraction of a second instead of each exporting
# it (torch, ~10-20 s) at their first request. The folder stays writable for another
# MATCHING_MODEL or MATCHING_BACKEND set at run time.
ENV MATCHING_ONNX_CACHE_DIR=/app/.cache/onnx
RUN DEBUG=0 SECRET_KEY=build-only ALLOWED_HOSTS=localhost \
    DATABASE_URL=postgres://build@localhost/build DJANGO_SETTINGS_MODULE=jobmarket.settings \
    python -c "import django; django.setup(); from matching.encoder import configured_encoder; configured_encoder()"

RUN useradd --create-home --uid 1000 jobmarket && mkdir -p /app/media && chown jobmarket /app/media \
    && chown -R jobmarket /app/.cache
USER jobmarket

EXPOSE 8000
CMD ["gunicorn", "jobmarket.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
