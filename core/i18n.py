from django.utils.translation import get_language


class BilingualNameMixin:
    """For lookup data the coordinator curates: `name` in Norwegian (bokmål), `name_nn` in
    nynorsk and `name_en` in English; an empty translation falls back to `name`."""

    name: str
    name_en: str
    name_nn: str

    @property
    def label(self) -> str:
        language = (get_language() or "nb")[:2]
        translated = {"en": self.name_en, "nn": getattr(self, "name_nn", "")}.get(language)
        return translated or self.name

    def __str__(self) -> str:
        return self.label
