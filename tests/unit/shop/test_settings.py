"""Settings come from the environment; production refuses to run insecurely."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


PRODUCTION_BANK = {
    "BANK_TRANSFER_BANK": "Bank Jatim",
    "BANK_TRANSFER_ACCOUNT_NUMBER": "1234567890",
    "BANK_TRANSFER_ACCOUNT_NAME": "Dekranasda Kabupaten Bojonegoro",
}


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {
        "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_SETTINGS_MODULE",
        "DJANGO_ALLOW_ASYNC_UNSAFE", "SEARCH_BACKEND", *PRODUCTION_BANK}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean,
        capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_with_production_values():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="false", SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="pasarkriya.id",
        DATABASE_URL="sqlite:////tmp/pasar-kriya-deploy-check.sqlite3", **PRODUCTION_BANK,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_in_debug_mode_so_the_check_can_fail():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="true", SECRET_KEY=secrets.token_urlsafe(64),
    )
    assert result.returncode != 0
    assert "security.W018" in result.stderr + result.stdout  # DEBUG is on


def test_missing_bank_account_with_debug_off_is_a_clear_error():
    result = run_manage("check", DEBUG="false", SECRET_KEY=secrets.token_urlsafe(64))
    assert result.returncode != 0
    assert "BANK_TRANSFER_ACCOUNT_NUMBER" in result.stderr
    assert "0011-2233-44" not in result.stderr + result.stdout


def test_elasticsearch_backend_needs_its_url():
    refused = run_manage("check", SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL="")
    assert refused.returncode != 0
    assert "SEARCH_BACKEND=elasticsearch needs ELASTICSEARCH_URL" in refused.stderr

    accepted = run_manage(
        "check", SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL="http://127.0.0.1:9200"
    )
    assert accepted.returncode == 0, accepted.stderr + accepted.stdout
    assert "System check identified no issues" in accepted.stdout


def test_missing_secret_key_with_debug_off_is_a_clear_error():
    result = run_manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    "name, value",
    [
        ("LANGUAGE_CODE", "id"),
        ("TIME_ZONE", "Asia/Jakarta"),
        ("OSCAR_DEFAULT_CURRENCY", "IDR"),
        ("SEARCH_BACKEND", "database"),
    ],
)
def test_embedded_defaults(settings, name, value):
    assert getattr(settings, name) == value


def test_embedded_default_uses_sqlite_eager_tasks_and_console_email():
    result = run_manage(
        "shell", "-c",
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "django.db.backends.sqlite3", "True", "django.core.mail.backends.console.EmailBackend"
    ]


def test_environment_switches_to_the_real_engines():
    result = run_manage(
        "shell", "-c",
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND)",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        EMAIL_URL="smtp://mail.example.id:587",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "django.db.backends.postgresql", "False", "django.core.mail.backends.smtp.EmailBackend"
    ]


def test_rupiah_is_written_the_indonesian_way():
    from django.utils import translation
    from oscar.templatetags.currency_filters import currency

    for language in ("id", "en"):
        with translation.override(language):
            assert currency("1250000") == "Rp\u00a01.250.000"
