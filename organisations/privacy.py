"""What the registry holds about a person: associations whose contact person they are (or
were, in the change history) and coordinators' notes that name them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from core.audit import log_action
from core.permissions import Access
from core.privacy import Person

from .models import HelpOffer, ImportBatch, Organisation


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


def _imports_naming(person: Person) -> list[ImportBatch]:
    """Uploaded import files not (yet) imported whose cells, preview or errors name the person:
    a coordinator's spreadsheet of contact persons, waiting to be confirmed or left behind."""
    import json

    from .importing import upload_text

    found = []
    for batch in ImportBatch.objects.for_centre(person.centre_id).filter(confirmed=False):
        stored = json.dumps([batch.preview, batch.flagged, batch.errors], ensure_ascii=False)
        if person.names_in(stored) or (
            batch.file_path and person.names_in(upload_text(batch.file_path, batch.filename))
        ):
            found.append(batch)
    return found


def _erase_imports(person: Person, actor: Access) -> None:
    """Delete the uploaded files that name the person and what was read from them (the batch
    row stays, without the file, as the record that an import was started)."""
    from .importing import upload_discard

    for batch in _imports_naming(person):
        upload_discard(batch.file_path)
        batch.file_path = ""
        batch.preview = []
        batch.flagged = []
        batch.errors = []
        if batch.status not in {ImportBatch.Status.DONE, ImportBatch.Status.FAILED}:
            batch.status = ImportBatch.Status.FAILED
            batch.error = "erased"
        batch.save(update_fields=["file_path", "preview", "flagged", "errors", "status", "error"])
        log_action(
            actor=actor,
            action="import_batch.redacted",
            obj=batch,
            data={"erased_fields": ["file", "preview", "flagged", "errors"]},
        )


def _help_offers_of(person: Person) -> list[HelpOffer]:
    match = Q(pk__in=[])
    for email in person.emails:
        match |= Q(email__iexact=email)
    for name in person.names:
        match |= Q(name__iexact=name)
    return list(HelpOffer.objects.for_centre(person.centre_id).filter(match))


def erase(person: Person, actor: Access) -> None:
    _erase_imports(person, actor)
    _erase_registry(person, actor)


def _erase_registry(person: Person, actor: Access) -> None:
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
        "import_files_naming_the_person": [
            {
                "file": batch.filename,
                "uploaded": batch.created_at.isoformat(),
                "status": batch.status,
                "deleted": "within a day unless imported",
            }
            for batch in _imports_naming(person)
        ],
    }


def declare_fields() -> None:
    """What the registry holds about persons (core.privacy, the record of processing)."""
    from django.utils.translation import gettext_lazy as _

    from core.privacy import declare, declare_not_personal, declare_retention

    registry = _("Keeping the registry of the municipality's associations and their contacts")
    declare_retention(
        "registry",
        _(
            "While the association is in the registry; a contact person replaced or erased is "
            "taken out of the entry and its history"
        ),
    )
    declare_retention(
        "import_files",
        _(
            "Uploaded import files nobody confirmed: deleted after a day (hourly job), and at "
            "once when a person in them is erased"
        ),
        task="organisations.purge_stale_imports",
    )
    declare_retention(
        "invitations",
        _("Invitations: while the association user has access; the address is the login"),
    )
    declare_retention(
        "help_offers",
        _(
            "Offers of help: kept with the association's entry for its users to answer; a "
            "visitor's offer is deleted when they ask to be erased"
        ),
    )
    declare(
        "organisations.HelpOffer",
        ["name", "email", "phone"],
        persons="visitor",
        category="contact",
        purpose=_("Passing a visitor's offer of help on to the association"),
        legal_basis="consent",
        retention="help_offers",
        recipients=[_("The association's users")],
    )
    declare(
        "organisations.ContactConsent",
        ["given_by", "text"],
        persons="association_contact",
        category="consent",
        purpose=_("Showing which contact details the association consented to publish"),
        legal_basis="consent",
        retention="registry",
    )
    declare(
        "organisations.Organisation",
        ["contact_name"],
        persons="association_contact",
        category="identity",
        purpose=registry,
        legal_basis="public_task",
        retention="registry",
        recipients=[_("The public, when the association consents")],
    )
    declare(
        "organisations.Organisation",
        [
            "email",
            "phone",
            "mobile",
            "postal_address",
            "postal_code",
            "business_address",
            "business_postal_code",
        ],
        persons="association_contact",
        category="contact",
        purpose=registry,
        legal_basis="public_task",
        retention="registry",
        recipients=[_("The public, when the association consents")],
    )
    declare(
        "organisations.Organisation",
        ["notes", "search_text"],
        persons="named_in_text",
        category="free_text",
        purpose=registry,
        legal_basis="public_task",
        retention="registry",
    )
    declare(
        "organisations.Invitation",
        ["email", "accepted_by"],
        persons="association_contact",
        category="contact",
        purpose=_("Giving an association's contact a login"),
        legal_basis="public_task",
        retention="invitations",
    )
    declare(
        "organisations.Invitation",
        ["created_by"],
        persons="staff",
        category="log",
        purpose=_("Giving an association's contact a login"),
        legal_basis="legitimate_interest",
        retention="invitations",
    )
    declare(
        "organisations.Membership",
        ["user"],
        persons="association_contact",
        category="login",
        purpose=registry,
        legal_basis="public_task",
        retention="registry",
    )
    declare(
        "organisations.ImportBatch",
        ["file_path", "preview", "flagged", "errors"],
        persons="association_contact",
        category="files",
        purpose=_("Importing the registry from a spreadsheet"),
        legal_basis="public_task",
        retention="import_files",
    )
    declare(
        "organisations.ImportBatch",
        ["created_by"],
        persons="staff",
        category="log",
        purpose=_("Importing the registry from a spreadsheet"),
        legal_basis="legitimate_interest",
        retention="import_files",
    )
    declare(
        "organisations.RegisterChange",
        ["decided_by"],
        persons="staff",
        category="log",
        purpose=registry,
        legal_basis="legitimate_interest",
        retention="audit_trail",
    )
    declare_not_personal(
        "organisations.Organisation",
        ["name", "description", "public_search_text"],
        reason=_("The association's own name and public description"),
    )
    declare_not_personal("organisations.Category", ["name"], reason=_("A list entry"))
    declare_not_personal("organisations.CooperationArea", ["name"], reason=_("A list entry"))
