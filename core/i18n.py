from django.utils.translation import get_language


class BilingualNameMixin:
    """For lookup data the coordinator curates: `name` in Norwegian, `name_en` in English."""

    name: str
    name_en: str

    @property
    def label(self) -> str:
        language = get_language() or "nb"
        return self.name_en if language.startswith("en") and self.name_en else self.name

    def __str__(self) -> str:
        return self.label
