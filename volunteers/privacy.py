"""What the volunteers app holds about persons, declared for the record of processing
(core.privacy). Export and erasure of a person: volunteers.gdpr and volunteers.services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.privacy import declare, declare_not_personal, declare_retention

REGISTER = _("Registering volunteers, finding them tasks and shifts, and keeping in touch")
FOLLOW_UP = _("Matching a volunteer with a task and following the match up")
HOURS = _("Counting the hours given (for the volunteer, the certificate and the reports)")
POLICE = _("Knowing that a police certificate was asked for and shown (never its content)")
CONSENT = _("Proving the consent the registration rests on")


def declare_volunteers() -> None:
    declare_retention(
        "volunteer_record",
        _(
            "While the person volunteers; reviewed after VOLUNTEER_INACTIVE_MONTHS (18) months "
            "without hours, task or change (the monthly job records how many are due), and "
            "erased on request or after the review"
        ),
        task="volunteers.review_inactive",
    )
    declare_retention(
        "hours",
        _(
            "Hours and matches stay as figures for the reports; the person's name is erased "
            "with the person"
        ),
    )
    declare(
        "volunteers.Volunteer",
        ["first_name", "last_name", "birth_year"],
        persons="volunteer",
        category="identity",
        purpose=REGISTER,
        legal_basis="consent",
        retention="volunteer_record",
    )
    declare(
        "volunteers.Volunteer",
        ["email", "phone", "postal_code", "district", "user"],
        persons="volunteer",
        category="contact",
        purpose=REGISTER,
        legal_basis="consent",
        retention="volunteer_record",
    )
    declare(
        "volunteers.Volunteer",
        [
            "interests",
            "languages",
            "background_groups",
            "organisations",
            "available_weekdays",
            "available_evenings",
            "available_weekends",
            "available_from",
            "available_to",
            "status",
            "approved_on",
            "ended_on",
            "wants_reminders",
            "calendar_token",
        ],
        persons="volunteer",
        category="profile",
        purpose=REGISTER,
        legal_basis="consent",
        retention="volunteer_record",
    )
    declare(
        "volunteers.Volunteer",
        ["notes"],
        persons="volunteer",
        category="free_text",
        purpose=REGISTER,
        legal_basis="consent",
        retention="volunteer_record",
    )
    declare(
        "volunteers.Volunteer",
        ["police_certificate_checked_on", "police_certificate_requested_on"],
        persons="volunteer",
        category="police_certificate",
        purpose=POLICE,
        legal_basis="legal_obligation",
        retention="volunteer_record",
    )
    declare(
        "volunteers.Consent",
        ["volunteer", "given_at", "withdrawn_at", "channel"],
        persons="volunteer",
        category="consent",
        purpose=CONSENT,
        legal_basis="consent",
        retention="volunteer_record",
    )
    declare(
        "volunteers.Certificate",
        ["volunteer", "tasks"],
        persons="volunteer",
        category="engagement",
        purpose=HOURS,
        legal_basis="contract",
        retention="volunteer_record",
    )
    declare(
        "volunteers.Certificate",
        ["signer_name", "created_by"],
        persons="staff",
        category="identity",
        purpose=HOURS,
        legal_basis="legitimate_interest",
        retention="volunteer_record",
    )
    declare_not_personal("volunteers.ConsentText", ["text"], reason=_("The consent text"))
    declare_not_personal(
        "volunteers.Interest", ["name"], reason=_("A list entry (an interest or skill)")
    )
    declare_not_personal("volunteers.Language", ["name"], reason=_("A list entry (a language)"))
    declare_not_personal(
        "volunteers.BackgroundGroup", ["name"], reason=_("A list entry (a background group)")
    )
