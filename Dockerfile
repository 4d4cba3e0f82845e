FROM python:3.11-slim AS assets
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
RUN apt-get update && apt-get install -y --no-install-recommends procps libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core ocrmypdf tesseract-ocr-fra tesseract-ocr-nld && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home portal
WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
COPY --from=assets /app/node_modules ./node_modules
RUN pip install --no-cache-dir . \
    && SECRET_KEY=build-only python manage.py compile_catalogues \
    && SECRET_KEY=build-only python manage.py collectstatic --noinput -v 0 \
    && mkdir -p /app/media /app/var && chown -R portal /app/media /app/var
USER portal
EXPOSE 8000
