"""What the cooperation app holds about a person: contact persons of partnerships (name, role,
e-mail, phone; kept while the partnership is kept, for the cooperation and the reminder before
it ends) and the contact shown with a consent on a public story (name, e-mail; kept while the
consent's record is kept, withdrawn consents included, as proof of what was consented)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from core.audit import log_action
from core.permissions import Access
from core.privacy import Person

from .models import Contact, NationalRegisterEntry, StoryConsent

# The personal fields of this app, with why they are kept and for how long.
DECLARATIONS = [
    {
        "model": "cooperation.Contact",
        "fields": ["name", "role", "email", "phone"],
        "purpose": "Contact between the parties of a partnership; the reminder before it ends.",
        "retention": "As long as the partnership is kept; erased with the person.",
    },
    {
        "model": "cooperation.NationalRegisterEntry",
        "fields": ["daily_manager", "chair"],
        "purpose": "The national register of volunteer centres names the centre's leaders.",
        "retention": "Until replaced; erased with the person.",
    },
    {
        "model": "cooperation.StoryConsent",
        "fields": ["contact_name", "contact_email", "given_by"],
        "purpose": "What a party consented to show on a public story, and who consented.",
        "retention": "As long as the story is kept; erased with the person.",
    },
]


def _match(person: Person, name_field: str, email_field: str) -> Q:
    match = Q(pk__in=[])
    for name in person.names:
        match |= Q(**{f"{name_field}__iexact": name})
    for email in person.emails:
        match |= Q(**{f"{email_field}__iexact": email})
    return match


def _contacts(person: Person) -> list[Contact]:
    qs = Contact.objects.for_centre(person.centre_id).filter(_match(person, "name", "email"))
    if person.phones:
        qs = qs | Contact.objects.for_centre(person.centre_id).filter(phone__in=person.phones)
    return list(qs)


def _consents(person: Person) -> list[StoryConsent]:
    qs = StoryConsent.objects.for_centre(person.centre_id).filter(
        _match(person, "contact_name", "contact_email")
    )
    if person.user_id:
        qs = qs | StoryConsent.objects.for_centre(person.centre_id).filter(
            given_by_id=person.user_id
        )
    return list(qs)


def _register_entries(person: Person) -> list[NationalRegisterEntry]:
    return [
        entry
        for entry in NationalRegisterEntry.objects.for_centre(person.centre_id)
        if person.names_in(entry.daily_manager) or person.names_in(entry.chair)
    ]


def erase(person: Person, actor: Access) -> None:
    """A contact person is removed from the partnership; a consent's shown contact is blanked
    (and so no longer shown) and its giver forgotten, the consent itself kept; the national
    register entry loses the name."""
    for entry in _register_entries(person):
        erased = [
            name for name in ("daily_manager", "chair") if person.names_in(getattr(entry, name))
        ]
        for name in erased:
            setattr(entry, name, "")
        entry.save(update_fields=[*erased, "updated_at"])
        log_action(actor=actor, action="nationalregisterentry.redacted", obj=entry)
    for contact in _contacts(person):
        log_action(actor=actor, action="partnershipcontact.erased", obj=contact)
        contact.delete()
    for consent in _consents(person):
        consent.contact_name = ""
        consent.contact_email = ""
        consent.shows_contact = False
        if consent.given_by_id == person.user_id:
            consent.given_by = None
        consent.save(update_fields=["contact_name", "contact_email", "shows_contact", "given_by"])
        log_action(actor=actor, action="storyconsent.erased", obj=consent)


def export(person: Person) -> dict[str, Any]:
    return {
        "partnership_contact_person": [
            {
                "partnership": c.partnership.title,
                "name": c.name,
                "role": c.role,
                "email": c.email,
                "phone": c.phone,
            }
            for c in _contacts(person)
        ],
        "national_register": [
            {"daily_manager": e.daily_manager, "chair": e.chair} for e in _register_entries(person)
        ],
        "story_consents": [
            {
                "story": c.story.title,
                "contact_name": c.contact_name,
                "contact_email": c.contact_email,
                "given_at": c.given_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in _consents(person)
        ],
    }
