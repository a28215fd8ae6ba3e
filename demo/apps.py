from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo marketplace and `manage.py load_demo_crafts`; no models."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo data"
