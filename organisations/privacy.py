"""What the registry holds about a person: associations whose contact person they are (or
were, in the change history) and coordinators' notes that name them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from core.audit import log_action
from core.privacy import Person

from .models import HelpOffer, Organisation


def _contact_of(person: Person) -> list[Organisation]:
    match = Q(pk__in=[])
    for name in person.names:
        match |= Q(contact_name__iexact=name)
    for email in person.emails:
        match |= Q(email__iexact=email)
    return list(Organisation.objects.for_centre(person.centre_id).filter(match))


def _notes_naming(person: Person) -> list[Organisation]:
    return [
        organisation
        for organisation in Organisation.objects.for_centre(person.centre_id).exclude(notes="")
        if person.names_in(organisation.notes)
    ]


def _help_offers_of(person: Person) -> list[HelpOffer]:
    match = Q(pk__in=[])
    for email in person.emails:
        match |= Q(email__iexact=email)
    for name in person.names:
        match |= Q(name__iexact=name)
    return list(HelpOffer.objects.for_centre(person.centre_id).filter(match))


def erase(person: Person, actor: Any) -> None:
    """Redact the coordinator's notes. An association whose *current* contact person is the
    person keeps its entry (the association's own data) but loses the person's name, e-mail
    and phone there too: the coordinator is asked to find a new contact. Their offers of help
    to associations (name, address, message) are deleted."""
    for offer in _help_offers_of(person):
        log_action(
            actor=actor,
            action="help_offer.deleted",
            obj=offer.organisation,
            data={"help_offer": offer.pk},
        )
        offer.delete()
    for organisation in _notes_naming(person):
        organisation.notes = person.redact(organisation.notes)
        organisation.save(update_fields=["notes", "updated_at"])
        log_action(
            actor=actor,
            action="organisation.redacted",
            obj=organisation,
            data={"erased_fields": ["notes"]},
        )
    for organisation in _contact_of(person):
        erased = []
        if person.names_in(organisation.contact_name):
            organisation.contact_name = ""
            erased.append("contact_name")
        if any(organisation.email.lower() == e.lower() for e in person.emails):
            organisation.email = ""
            erased.append("email")
        if organisation.phone and person.names_in(organisation.phone):
            organisation.phone = ""
            erased.append("phone")
        if erased:
            organisation.save(update_fields=[*erased, "updated_at"])
            log_action(
                actor=actor,
                action="organisation.redacted",
                obj=organisation,
                data={"erased_fields": erased},
            )


def export(person: Person) -> dict[str, Any]:
    return {
        "contact_person_of": [
            {"association": o.name, "contact_name": o.contact_name, "email": o.email}
            for o in _contact_of(person)
        ],
        "offers_of_help": [
            {
                "association": o.organisation.name,
                "sent": o.created_at.isoformat(),
                "name": o.name,
                "email": o.email,
                "phone": o.phone,
                "message": o.message,
                "passed_on_to_the_association": o.share_contact,
            }
            for o in _help_offers_of(person)
        ],
        "association_notes_naming_the_person": [
            {"association": o.name, "notes": o.notes} for o in _notes_naming(person)
        ],
    }
