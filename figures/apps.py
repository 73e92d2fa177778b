from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "figures"
    verbose_name = "Figures"

    def ready(self) -> None:
        from core.startpage import register_figures, register_work

        from . import rollups, startpage

        rollups.connect()
        register_figures(startpage.card_figures)
        register_work(startpage.work)
