import factory

from reports.models import Narrative, ReportJob, ReportKind
from reports.services import params_hash


class ReportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportJob

    centre = factory.SubFactory("tests.factories.CentreFactory")
    kind = ReportKind.ANNUAL
    year = 2025
    project = None
    status = ReportJob.Status.DONE
    params_hash = factory.LazyAttribute(
        lambda job: params_hash(
            centre_id=job.centre.pk,
            kind=job.kind,
            year=job.year,
            project_id=job.project.pk if job.project else None,
            language="nb",
        )
    )


class NarrativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Narrative

    centre = factory.SubFactory("tests.factories.CentreFactory")
    kind = ReportKind.ANNUAL
    year = 2025
    evaluation = "Et godt år."
