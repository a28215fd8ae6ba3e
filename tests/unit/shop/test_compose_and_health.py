"""docker-compose.yml describes the full stack; /healthz answers."""
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.services import require

ROOT = Path(__file__).resolve().parents[3]


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_the_full_stack():
    services = compose()["services"]
    assert {"web", "worker", "beat", "db", "redis", "elasticsearch", "minio"} <= set(services)
    assert "gunicorn" in services["web"]["command"]
    assert "celery -A shop worker" in services["worker"]["command"]
    assert "celery -A shop beat" in services["beat"]["command"]


def test_compose_app_services_get_every_design_variable():
    env = compose()["x-app"]["environment"]
    for name in ("DATABASE_URL", "CELERY_BROKER_URL", "SEARCH_BACKEND", "ELASTICSEARCH_URL",
                 "STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET",
                 "EMAIL_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS",
                 "BANK_TRANSFER_ACCOUNT_NUMBER"):
        assert name in env, name
    assert env["DEBUG"] == "false"


REQUIRED_SECRETS = {
    "SECRET_KEY": "x" * 60, "POSTGRES_PASSWORD": "pg", "MINIO_ROOT_PASSWORD": "minio-secret",
    "BANK_TRANSFER_BANK": "Bank Jatim", "BANK_TRANSFER_ACCOUNT_NUMBER": "1234567890",
    "BANK_TRANSFER_ACCOUNT_NAME": "Dekranasda",
}


def docker_compose() -> str:
    binary = shutil.which("docker-compose")
    require("docker-compose", binary is not None,
            "Debian's docker-compose package checks the file (apt-get install docker-compose)")
    return binary


def test_docker_compose_config_validates_the_file():
    result = subprocess.run(
        [docker_compose(), "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        env={**REQUIRED_SECRETS, "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("secret", sorted(REQUIRED_SECRETS))
def test_docker_compose_config_refuses_a_missing_secret(secret):
    env = {k: v for k, v in REQUIRED_SECRETS.items() if k != secret}
    result = subprocess.run(
        [docker_compose(), "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        env={**env, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0 and secret in result.stderr


def test_the_stack_does_not_load_demo_accounts():
    assert "load_demo_crafts" not in compose()["services"]["web"]["command"]


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
