"""Every URL pattern of the project, discovered from the resolver, against every role.

A new view cannot escape this test: it fails until the view is gated (`role_required`) or
declared public, and until each of its URL arguments has a source below. For each pattern:
- anonymous users are sent to the login page (public pages excepted);
- a role the view does not allow gets 403, for GET and POST;
- objects of another centre are never reachable (404 for GET and POST, whatever the role).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import ROLES, module_rows

# Documents are not laid out here (conftest.pdfs_not_laid_out): who gets what answer is.
pytestmark = pytest.mark.usefixtures("pdfs_not_laid_out")

# Namespaces that belong to us; third-party URLs (admin, allauth, i18n) are tested elsewhere.
OURS = {
    "core",
    "centreyear",
    "organisations",
    "volunteers",
    "activities",
    "reports",
    "public",
    "api",
    "notifications",
    "cooperation",
    "samarbeid",
}

# Views anybody may open without logging in.
PUBLIC: set[str] = {
    "healthz",
    "organisations:directory",
    "organisations:invitation_accept",
    "volunteers:signup",
    "volunteers:signup_done",
    "volunteers:shift_feed",
    "organisations:directory_export",
    "public:root",
    "public:accessibility",
    "public:centre",
    "public:figures",
    "public:calendar",
    "public:centre_feed",
    "public:embed",
    "public:association",
    "core:service_worker",
    "notifications:answer",
    "public:self_count",
    "notifications:sms_inbound",
    "core:manifest",
    "public:association_feed",
    "public:project_feed",
    "api:api-root",
    "api:openapi-json",
    "api:list_centres",
    "api:list_associations",
    "api:list_activities",
    "api:centre_figures",
    "samarbeid:centre",
    "samarbeid:municipality",
    "samarbeid:story",
}


class Objects:
    """Objects of the user's own centre and of another centre, for URL arguments."""

    def __init__(self, world) -> None:
        from organisations.tests.factories import InvitationFactory
        from reports.tests.factories import ReportJobFactory
        from tests import factories as f

        self.world = world
        self.category = f.CategoryFactory(centre=world.centre)
        self.foreign_category = f.CategoryFactory(centre=world.other_centre)
        self.invitation = InvitationFactory(organisation=world.organisation)
        self.foreign_invitation = InvitationFactory(organisation=world.foreign_organisation)
        self.membership = world.organisation.memberships.get()
        world.volunteer.calendar_token = "hemmelig-kalender-adresse-123"
        world.volunteer.save(update_fields=["calendar_token"])
        self.calendar_token = world.volunteer.calendar_token
        self.foreign_membership = f.MembershipFactory(organisation=world.foreign_organisation)
        from organisations.models import ImportBatch, RegisterChange

        self.batch = ImportBatch.objects.create(
            centre=world.centre, filename="a.csv", source_format="csv"
        )
        self.foreign_batch = ImportBatch.objects.create(
            centre=world.other_centre, filename="b.csv", source_format="csv"
        )
        self.change = RegisterChange.objects.create(
            centre=world.centre, organisation=world.organisation, field="name", new_value="X"
        )
        self.foreign_change = RegisterChange.objects.create(
            centre=world.other_centre,
            organisation=world.foreign_organisation,
            field="name",
            new_value="Y",
        )
        self.report = ReportJobFactory(centre=world.centre)
        self.foreign_report = ReportJobFactory(centre=world.other_centre)
        from centreyear.models import GrantApplication

        self.grant_application = GrantApplication.objects.create(
            municipality=world.municipality, year=2027, status="done", pdf="grant/a.pdf"
        )
        self.foreign_grant_application = GrantApplication.objects.create(
            municipality=world.other_municipality, year=2027, status="done", pdf="grant/b.pdf"
        )

        from tests import factories as tf
        from volunteers.models import Consent
        from volunteers.tests.factories import (
            CertificateFactory,
            ConsentTextFactory,
            HourEntryFactory,
            InterestFactory,
            MatchFactory,
            RotaFactory,
            ShiftFactory,
            ShiftSignupFactory,
            TaskFactory,
        )

        self.activity = tf.ActivityFactory(project=tf.ProjectFactory(centre=world.centre))
        self.foreign_activity = tf.ActivityFactory(
            project=tf.ProjectFactory(centre=world.other_centre)
        )

        self.interest = InterestFactory(centre=world.centre)
        self.foreign_interest = InterestFactory(centre=world.other_centre)
        self.task = TaskFactory(centre=world.centre)
        self.foreign_task = TaskFactory(centre=world.other_centre)
        self.match = MatchFactory(task=self.task, volunteer=world.volunteer)
        self.foreign_match = MatchFactory(task=self.foreign_task, volunteer=world.foreign_volunteer)
        self.hours = HourEntryFactory(volunteer=world.volunteer)
        self.foreign_hours = HourEntryFactory(volunteer=world.foreign_volunteer)
        self.rota = RotaFactory(centre=world.centre)
        self.foreign_rota = RotaFactory(centre=world.other_centre)
        self.shift = ShiftFactory(rota=self.rota)
        self.foreign_shift = ShiftFactory(rota=self.foreign_rota)
        self.signup = ShiftSignupFactory(shift=self.shift, volunteer=world.volunteer)
        self.foreign_signup = ShiftSignupFactory(
            shift=self.foreign_shift, volunteer=world.foreign_volunteer
        )
        self.certificate = CertificateFactory(volunteer=world.volunteer)
        self.foreign_certificate = CertificateFactory(volunteer=world.foreign_volunteer)
        from cooperation.tests.factories import (
            BookletJobFactory,
            ContributionFactory,
            PartnershipFactory,
            StoryFactory,
            UnitFactory,
        )

        self.partnership = PartnershipFactory(organisation=world.organisation)
        self.foreign_partnership = PartnershipFactory(organisation=world.foreign_organisation)
        self.story = StoryFactory(partnership=self.partnership, published=True)
        self.foreign_story = StoryFactory(partnership=self.foreign_partnership)
        self.contribution = ContributionFactory(partnership=self.partnership)
        self.foreign_contribution = ContributionFactory(partnership=self.foreign_partnership)
        self.unit = UnitFactory(municipality=world.municipality)
        self.foreign_unit = UnitFactory(municipality=world.other_municipality)
        from cooperation.models import MunicipalSupport

        self.support = MunicipalSupport.objects.create(
            centre=world.centre, project=self.activity.project, year=2025, kind="activity", amount=1
        )
        self.foreign_support = MunicipalSupport.objects.create(
            centre=world.other_centre,
            project=self.foreign_activity.project,
            year=2025,
            kind="activity",
            amount=1,
        )
        self.booklet = BookletJobFactory(centre=world.centre)
        self.foreign_booklet = BookletJobFactory(centre=world.other_centre)
        self.consent = Consent.objects.create(
            volunteer=world.volunteer,
            consent_text=ConsentTextFactory(centre=world.centre),
            given_at=timezone.now(),
        )
        self.foreign_consent = Consent.objects.create(
            volunteer=world.foreign_volunteer,
            consent_text=ConsentTextFactory(centre=world.other_centre),
            given_at=timezone.now(),
        )


# url name -> function(objects) returning (own kwargs, another centre's kwargs or None).
# Every URL with arguments must be listed here; the test says which are missing.
def _org(o, **extra):
    return (
        {"pk": o.world.organisation.pk, **extra},
        {"pk": o.world.foreign_organisation.pk, **extra},
    )


KWARG_SOURCES: dict[str, Callable] = {
    # The centre is the user's own; another centre (`?centre=`) is tested in
    # core/tests/test_centre_year.py.
    "centreyear:centre_year": lambda o: ({"year": timezone.localdate().year}, None),
    "centreyear:accounts_file": lambda o: ({"year": timezone.localdate().year}, None),
    # The round is read through the user's centres; deciding is tested in
    # centreyear/tests/test_grant_round.py and centreyear/tests/test_permissions_matrix.py.
    "centreyear:grant_round": lambda o: ({"year": timezone.localdate().year + 1}, None),
    "centreyear:grant_application_create": lambda o: (
        {"year": timezone.localdate().year + 1},
        None,
    ),
    "centreyear:grant_application_download": lambda o: (
        {"pk": o.grant_application.pk, "fmt": "pdf"},
        {"pk": o.foreign_grant_application.pk, "fmt": "pdf"},
    ),
    "reports:annual_ask": lambda o: (
        {"year": timezone.localdate().year - 1, "centre_pk": o.world.centre.pk},
        {"year": timezone.localdate().year - 1, "centre_pk": o.world.other_centre.pk},
    ),
    **{
        f"organisations:{name}": _org
        for name in ("detail", "edit", "archive", "restore", "confirm", "invite", "register_lookup")
    },
    **{
        f"organisations:{name}": lambda o: ({"pk": o.batch.pk}, {"pk": o.foreign_batch.pk})
        for name in ("import_batch", "import_batch_confirm")
    },
    "organisations:register_change_decide": lambda o: (
        {"pk": o.change.pk},
        {"pk": o.foreign_change.pk},
    ),
    "organisations:export": lambda o: ({"fmt": "csv"}, None),
    # A centre's own categories; the installation-wide ones are tested in test_categories.py.
    "organisations:category_edit": lambda o: ({"pk": o.category.pk}, {"pk": o.foreign_category.pk}),
    "organisations:invitation_accept": lambda o: ({"token": o.invitation.token}, None),
    "volunteers:shift_feed": lambda o: ({"token": o.calendar_token}, None),
    "organisations:invitation_revoke": lambda o: (
        {"pk": o.invitation.pk},
        {"pk": o.foreign_invitation.pk},
    ),
    "organisations:membership_revoke": lambda o: (
        {"pk": o.world.organisation.pk, "membership_pk": o.membership.pk},
        {"pk": o.world.foreign_organisation.pk, "membership_pk": o.foreign_membership.pk},
    ),
    **{
        f"volunteers:{name}": lambda o: (
            {"pk": o.world.volunteer.pk},
            {"pk": o.world.foreign_volunteer.pk},
        )
        for name in (
            "detail",
            "edit",
            "approve",
            "invite",
            "hours_add",
            "export",
            "erase",
            "certificate_create",
            "police_letter",
        )
    },
    "volunteers:consent_withdraw": lambda o: (
        {"pk": o.world.volunteer.pk, "consent_pk": o.consent.pk},
        {"pk": o.world.foreign_volunteer.pk, "consent_pk": o.foreign_consent.pk},
    ),
    "volunteers:lists": lambda o: ({"kind": "interests"}, None),
    "volunteers:lists_edit": lambda o: (
        {"kind": "interests", "pk": o.interest.pk},
        {"kind": "interests", "pk": o.foreign_interest.pk},
    ),
    "volunteers:hours_decide": lambda o: ({"pk": o.hours.pk}, {"pk": o.foreign_hours.pk}),
    **{
        f"volunteers:{name}": lambda o: ({"pk": o.task.pk}, {"pk": o.foreign_task.pk})
        for name in ("task_detail", "task_edit", "match_create")
    },
    **{
        f"volunteers:{name}": lambda o: ({"pk": o.rota.pk}, {"pk": o.foreign_rota.pk})
        for name in ("rota_detail", "rota_edit")
    },
    **{
        f"volunteers:{name}": lambda o: ({"pk": o.shift.pk}, {"pk": o.foreign_shift.pk})
        for name in (
            "shift_detail",
            "shift_add_volunteer",
            "shift_capacity",
            "shift_hold",
            "shift_sign_up",
            "shift_check",
        )
    },
    "volunteers:certificate_pdf": lambda o: (
        {"pk": o.certificate.pk},
        {"pk": o.foreign_certificate.pk},
    ),
    "volunteers:signup_cancel": lambda o: ({"pk": o.signup.pk}, {"pk": o.foreign_signup.pk}),
    "volunteers:task_interest": lambda o: ({"pk": o.task.pk}, {"pk": o.foreign_task.pk}),
    "volunteers:match_edit": lambda o: ({"pk": o.match.pk}, {"pk": o.foreign_match.pk}),
    "volunteers:signup": lambda o: ({"slug": o.world.centre.slug}, None),
    **{
        f"public:{name}": lambda o: ({"slug": o.world.centre.slug}, None)
        for name in ("centre", "figures", "calendar", "centre_feed", "embed")
    },
    # The public feeds answer 404 for an association not listed and a project without a public
    # activity; tests/test_public_pages.py shows what they carry.
    "public:association": lambda o: (
        {"slug": o.world.centre.slug, "pk": o.world.organisation.pk},
        None,
    ),
    "public:association_feed": lambda o: (
        {"slug": o.world.centre.slug, "pk": o.world.organisation.pk},
        None,
    ),
    "public:project_feed": lambda o: (
        {"slug": o.world.centre.slug, "project": o.activity.project.slug},
        None,
    ),
    "organisations:directory_export": lambda o: ({"fmt": "csv"}, None),
    **{
        f"api:{name}": lambda o: ({"slug": o.world.centre.slug}, None)
        for name in ("list_associations", "list_activities", "centre_figures")
    },
    "volunteers:signup_done": lambda o: ({"slug": o.world.centre.slug}, None),
    "activities:edit": lambda o: ({"pk": o.activity.pk}, {"pk": o.foreign_activity.pk}),
    "public:self_count": lambda o: ({"token": "unknown-token"}, None),
    "notifications:answer": lambda o: ({"action": "confirm", "token": "unknown-token"}, None),
    "activities:door": lambda o: ({"pk": o.activity.pk}, {"pk": o.foreign_activity.pk}),
    "activities:door_sync": lambda o: ({"pk": o.activity.pk}, {"pk": o.foreign_activity.pk}),
    **{
        f"activities:{name}": lambda o: (
            {"project_pk": o.activity.project_id},
            {"project_pk": o.foreign_activity.project_id},
        )
        for name in ("project_detail", "project_edit")
    },
    "reports:download": lambda o: ({"pk": o.report.pk}, {"pk": o.foreign_report.pk}),
    "reports:delete": lambda o: ({"pk": o.report.pk}, {"pk": o.foreign_report.pk}),
    # The overview is of the user's own centres; other centres never appear (tested in
    # reports/tests/test_overview.py).
    "reports:overview_export": lambda o: ({"fmt": "csv"}, None),
    "reports:years_export": lambda o: ({"fmt": "csv"}, None),
    **{
        f"cooperation:{name}": lambda o: (
            {"pk": o.partnership.pk},
            {"pk": o.foreign_partnership.pk},
        )
        for name in (
            "partnership_detail",
            "partnership_edit",
            "contribution_add",
            "contact_add",
            "outcome_add",
            "document_upload",
            "document_download",
            "story_create",
        )
    },
    **{
        f"cooperation:{name}": lambda o: ({"pk": o.story.pk}, {"pk": o.foreign_story.pk})
        for name in (
            "story_detail",
            "story_edit",
            "story_consent",
            "story_withdraw",
            "story_approve",
        )
    },
    "cooperation:part_delete": lambda o: (
        {"kind": "contribution", "pk": o.contribution.pk},
        {"kind": "contribution", "pk": o.foreign_contribution.pk},
    ),
    "cooperation:unit_edit": lambda o: ({"pk": o.unit.pk}, {"pk": o.foreign_unit.pk}),
    "cooperation:support_delete": lambda o: ({"pk": o.support.pk}, {"pk": o.foreign_support.pk}),
    "cooperation:booklet_download": lambda o: (
        {"pk": o.booklet.pk},
        {"pk": o.foreign_booklet.pk},
    ),
    "samarbeid:centre": lambda o: ({"slug": o.world.centre.slug}, None),
    "samarbeid:municipality": lambda o: ({"slug": o.world.municipality.slug}, None),
    "samarbeid:story": lambda o: ({"slug": o.world.centre.slug, "pk": o.story.pk}, None),
}


def _walk(patterns, namespace: str = "", prefix: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _walk(entry.url_patterns, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace, entry, prefix + str(entry.pattern)


def project_patterns() -> list[tuple[str, URLPattern, str]]:
    found = []
    for namespace, pattern, route in _walk(get_resolver().url_patterns):
        if namespace in OURS or pattern.name in PUBLIC:
            found.append((namespace, pattern, route))
    return found


def _url_name(namespace: str, pattern: URLPattern) -> str:
    return f"{namespace}:{pattern.name}" if namespace else pattern.name


PATTERNS = project_patterns()
IDS = [_url_name(ns, p) for ns, p, _ in PATTERNS]


def test_every_pattern_is_gated_or_public():
    ungated = [
        _url_name(ns, p)
        for ns, p, _ in PATTERNS
        if _url_name(ns, p) not in PUBLIC and not hasattr(p.callback, "allowed_roles")
    ]
    assert not ungated, f"Views without role_required and not declared public: {ungated}"


def test_every_url_argument_has_a_source():
    missing = [
        _url_name(ns, p)
        for ns, p, _ in PATTERNS
        if p.pattern.regex.groupindex and _url_name(ns, p) not in KWARG_SOURCES
    ]
    assert not missing, f"Add these to KWARG_SOURCES: {missing}"


@pytest.fixture(scope="module")
def objects(shared_world, django_db_blocker) -> Objects:
    """One world and one set of objects for every pattern's test (each test's own writes, a
    POST that an allowed role may make, are undone after it): written once for the module."""
    with module_rows(django_db_blocker):
        return Objects(shared_world)


@pytest.mark.parametrize(("namespace", "pattern", "route"), PATTERNS, ids=IDS)
def test_it_enforces_roles_and_centres_on(objects, db, login, namespace, pattern, route):
    world = objects.world
    name = _url_name(namespace, pattern)
    own, foreign = KWARG_SOURCES[name](objects) if name in KWARG_SOURCES else ({}, None)
    own_url = reverse(name, kwargs=own)
    foreign_url = reverse(name, kwargs=foreign) if foreign else None
    allowed = getattr(pattern.callback, "allowed_roles", None)

    for role in ROLES:
        user = None if role == "anonymous" else getattr(world, role)
        client = login(user)
        if name in PUBLIC:
            response = client.get(own_url)
            assert response.status_code < 500
            assert "camera=()" in response["Permissions-Policy"], own_url
            continue
        for verb in ("get", "post"):
            method = getattr(client, verb)
            response = method(own_url)
            assert "camera=()" in response["Permissions-Policy"], f"{role} {verb} {own_url}"
            # A POST-only view may answer a GET with 405 before anything else: it shows nothing.
            if verb == "get" and response.status_code == 405:
                continue
            if user is None:
                assert response.status_code == 302, f"anonymous {verb} {own_url}"
                assert response.url.startswith(reverse("account_login"))
            elif user.role not in allowed:
                status = response.status_code
                assert status == 403, f"{role} {verb} {own_url}: {status}"
            else:
                assert response.status_code < 500, f"{role} {verb} {own_url}"
            if foreign_url and user is not None:
                status = method(foreign_url).status_code
                assert status in {403, 404}, f"{role} {verb} {foreign_url}: {status}"
