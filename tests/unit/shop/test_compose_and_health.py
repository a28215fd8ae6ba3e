"""docker-compose.yml describes the full stack; /healthz answers."""
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

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
                 "EMAIL_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"):
        assert name in env, name
    assert env["DEBUG"] == "false"


def test_docker_compose_config_validates_the_file():
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.skip("docker-compose (Debian package) is not installed")
    result = subprocess.run(
        [binary, "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        env={"SECRET_KEY": "x" * 60, "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_docker_compose_config_refuses_a_missing_secret_key():
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.skip("docker-compose (Debian package) is not installed")
    result = subprocess.run(
        [binary, "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
