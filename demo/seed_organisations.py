"""Demo data of the association registry: derived columns, cooperation areas, a pending
invitation and a few recorded changes. Idempotent."""

from __future__ import annotations

import datetime as dt
import secrets

from django.utils import timezone

from core.models import Centre, User
from core.permissions import Access
from organisations.models import CooperationArea, Invitation, Organisation
from organisations.services import organisation_update


def seed_organisations() -> None:
    centre = Centre.objects.filter(slug="fjordvik").first()
    if centre is None:
        return
    coordinator = User.objects.filter(email="koordinator@fjordvik.example").first()
    areas = list(CooperationArea.objects.all())
    organisations = list(
        Organisation.objects.filter(category_summary="").prefetch_related(
            "ranked_categories__category"
        )
    )
    # Entries made before this app's services kept the summaries: write them once (as the
    # system, which the seed is: the entries are of every centre).
    for index, organisation in enumerate(organisations):
        ranked = [rc.category for rc in organisation.ranked_categories.all()]
        data = {}
        if "-." in organisation.email:  # "kvinne- og familielag" made an invalid domain label
            data["email"] = organisation.email.replace("-.", ".")
        if organisation.needs_volunteers and not organisation.volunteer_needs:
            data["volunteer_needs"] = "Besøksvenner og hjelp på arrangementer."
        if not organisation.target_groups:
            data["target_groups"] = ["Eldre", "Barn og unge", "Alle", "Innvandrere"][index % 4]
        organisation_update(
            actor=Access.system(),
            organisation=organisation,
            data=data,
            categories=ranked,
            cooperation_areas=areas[index % len(areas) : index % len(areas) + 2] if areas else None,
        )

    sanitet = Organisation.objects.filter(centre=centre, name="Fjordvik Sanitetsforening").first()
    if sanitet is not None:
        Invitation.objects.get_or_create(
            organisation=sanitet,
            email="nestleder@sanitet.example",
            defaults={
                "centre": centre,
                "token": secrets.token_urlsafe(32),
                "created_by": coordinator,
                "expires_at": timezone.now() + dt.timedelta(days=14),
            },
        )
