from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "figures"
    verbose_name = "Figures"

    def ready(self) -> None:
        from . import rollups

        rollups.connect()
