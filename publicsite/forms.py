"""The public pages' one form: a visitor's "I want to help" to an association."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class HelpOfferForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Write your name.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Write your e-mail address, so that you can get an answer."),
            "invalid": _("Enter a valid e-mail address."),
        },
    )
    phone = forms.CharField(
        label=_("Your phone number (optional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    message = forms.CharField(
        label=_("What would you like to help with?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a few words about what you would like to do.")},
    )
    share_contact = forms.BooleanField(
        label=_("The association may have my e-mail address and phone number"),
        required=False,
        help_text=_(
            "Without this the volunteer centre passes on your message only, and answers you itself."
        ),
    )
    # A field people never see or fill in: a form that has it filled is a script.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))
