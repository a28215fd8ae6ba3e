# The Pasar Kriya image: one image for web (gunicorn), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libjpeg62-turbo zlib1g \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# collectstatic imports the production settings, which insist on a key and a bank
# account; these build-time values are not used at run time.
RUN export SECRET_KEY=build-only DEBUG=false BANK_TRANSFER_BANK=build \
        BANK_TRANSFER_ACCOUNT_NUMBER=build BANK_TRANSFER_ACCOUNT_NAME=build \
    && python manage.py compilemessages --ignore=.venv \
    && python manage.py collectstatic --noinput

RUN useradd --create-home --uid 10001 kriya && mkdir -p /app/var && chown -R kriya /app/var
USER kriya

EXPOSE 8000
CMD ["gunicorn", "shop.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
