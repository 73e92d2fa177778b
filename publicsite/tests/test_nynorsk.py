"""A nynorsk municipality's centre: its public pages, the sign-up e-mail and both report PDFs
speak nynorsk."""

import re

from django.core import mail
from django.urls import reverse

from reports.rendering import ReportParams, render_pdf
from reports.tests.test_pdf import pdf_text
from volunteers.tests.factories import ConsentTextFactory


def test_the_sign_up_mail_of_a_nynorsk_centre_is_in_nynorsk(
    client, world, django_capture_on_commit_callbacks
):
    centre = world.centre
    centre.default_language = "nn"
    centre.save()
    ConsentTextFactory(centre=centre, version=1, text="Vi lagrar opplysningane.")
    page = client.get(reverse("volunteers:signup", args=[centre.slug]))
    assert '<html lang="nn">' in page.content.decode()
    data = {
        "first_name": "Nora",
        "last_name": "Nynorsk",
        "email": "nora@example.org",
        "phone": "",
        "birth_year": "1990",
        "postal_code": "6800",
        "consent": "on",
        "website": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("volunteers:signup", args=[centre.slug]), data)
    assert response.status_code == 302
    assert mail.outbox[-1].subject == f"Takk for påmeldinga til {centre.name}"


def test_both_report_pdfs_render_in_nynorsk(world):
    from tests import factories as f

    project = f.ProjectFactory(centre=world.centre, name="Turvenn")
    f.ActivityFactory(project=project, date=f.timezone.localdate())
    year = f.timezone.localdate().year
    annual = pdf_text(
        render_pdf(ReportParams(centre=world.centre, kind="annual", year=year, language="nn"))
    )
    assert "Årsevaluering" in annual
    assert "Koordinatoren har ikkje skrive denne delen enno." in annual
    assert re.search(r"Side \d+ av \d+", annual)
    final = pdf_text(
        render_pdf(
            ReportParams(
                centre=world.centre, kind="final", year=year, project=project, language="nn"
            )
        )
    )
    assert re.search(r"Side \d+ av \d+", final)
    assert "ikkje" in final
