from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Invented demo data: the generator (plain Python) and the `load_demo` command."""

    name = "demo"
