"""Validators shared by the apps' models."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 and C1 controls (line breaks and tabs among them), the Unicode line and paragraph
# separators, and the bidi embedding, override and isolate characters: none belongs in a name
# shown on one line, and a right-to-left override reorders the text around it.
_NOT_ON_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@deconstructible
class SingleLineValidator:
    """Refuses line breaks, control characters and bidi override characters in a one-line name
    (an association's name, a volunteer's name, a task's or an activity's title)."""

    message = _("Write this on one line, without line breaks or control characters.")
    code = "not_single_line"

    def __call__(self, value: str) -> None:
        if _NOT_ON_ONE_LINE.search(value or ""):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SingleLineValidator)

    def __hash__(self) -> int:
        return hash(SingleLineValidator)


validate_single_line = SingleLineValidator()
