import hashlib
from datetime import date

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from indicators.models import Period, Submission, SubmissionEvent, SubmissionStatus, Value
from indicators.workflow import transition
from organisations.models import Membership, Role
from reports.models import (
    GenerationStatus,
    Report,
    ReportEvent,
    ReportStatus,
    ReportSupplierText,
    ReportText,
)
from tests.factories import (
    SubmissionFactory,
    UitvraagFactory,
    UserFactory,
    fill_submission,
    period,
)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def ingediend(world):
    """The world's submission, complete and submitted by the Orionis supplier."""
    fill_submission(world)
    return transition(world.submission, "indienen", world.leverancier)


@pytest.fixture
def report(world):
    report = Report.objects.create(
        gemeente=world.vlissingen,
        period=world.submission.period,
        title="Monitor Sociaal Domein Vlissingen",
    )
    ReportText.objects.create(
        report=report, thema=world.aantal_clienten.thema, wat_zien_we="Meer uitstroom."
    )
    ReportEvent.objects.create(report=report, action="aangemaakt", actor=world.beleid)
    return report


@pytest.fixture
def reviewer_client(client, world):
    """The Vlissingen beleidsmedewerker with admin access to submissions (not a beheerder)."""
    world.beleid.is_staff = True
    world.beleid.save()
    world.beleid.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="indicators", codename__in=["view_submission"]
        )
    )
    client.force_login(world.beleid)
    return client


@pytest.fixture
def beheerder_client(client, world):
    client.force_login(world.beheerder)
    return client


def post_action(client, action, submissions, **extra):
    return client.post(
        admin_url(Submission, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [s.pk for s in submissions], **extra},
    )


def test_every_admin_changelist_add_and_change_page_loads_for_a_superuser(
    admin_client, ingediend, report
):
    assert len(admin.site._registry) >= 15
    for model in admin.site._registry:
        changelist = admin_client.get(admin_url(model, "changelist"))
        assert changelist.status_code == 200, model
        add = admin_client.get(admin_url(model, "add"))
        assert add.status_code == (200 if changelist.context["has_add_permission"] else 403), model
        obj = model._default_manager.first()
        # DRF's token admin addresses tokens by user, not by key.
        if obj is not None and model._meta.model_name != "tokenproxy":
            assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200, model


def test_a_beheerder_manages_everything_without_separate_django_permissions(beheerder_client):
    response = beheerder_client.get(reverse("admin:index"))
    assert response.status_code == 200
    names = {m["object_name"] for app in response.context["app_list"] for m in app["models"]}
    assert {"Organisation", "Indicator", "Submission", "Value", "Report", "User"} <= names
    assert beheerder_client.get(admin_url(Period, "add")).status_code == 200


def test_a_user_who_is_not_staff_is_sent_to_the_admin_login(client, world):
    client.force_login(world.beleid)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_submission_changelist_needs_the_same_queries_for_many_rows(
    admin_client, world, django_assert_max_num_queries
):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(admin_url(Submission, "changelist")).status_code == 200
        return len(queries)

    few = count_queries()
    for year in range(2010, 2018):
        uitvraag = UitvraagFactory(uitvoerder=world.orionis, areas=[world.vlissingen])
        SubmissionFactory(
            uitvraag=uitvraag,
            period=period(f"{year}H2"),
            status=SubmissionStatus.GOEDGEKEURD,
            submitted_by=world.leverancier,
            reviewed_by=world.beleid,
        )
    assert count_queries() == few
    with django_assert_max_num_queries(15):
        admin_client.get(admin_url(Submission, "changelist"))


@pytest.mark.parametrize(
    "model",
    [Value, Value.history.model, SubmissionEvent, Membership, Report, ReportEvent],
    ids=lambda m: m.__name__,
)
def test_audit_and_role_changelists_need_the_same_queries_for_many_rows(
    admin_client, world, report, model
):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(admin_url(model, "changelist")).status_code == 200
        return len(queries)

    fill_submission(world)
    SubmissionEvent.objects.create(
        submission=world.submission,
        action="indienen",
        from_status="concept",
        to_status="ingediend",
        actor=world.leverancier,
    )
    few = count_queries()
    for year in range(2010, 2014):
        submission = SubmissionFactory(uitvraag=world.uitvraag, period=period(f"{year}H1"))
        fill_submission(world, submission=submission)
        SubmissionEvent.objects.create(
            submission=submission,
            action="indienen",
            from_status="concept",
            to_status="ingediend",
            actor=world.leverancier2,
        )
        Membership.objects.create(user=UserFactory(), role=Role.BELEID, organisation=world.veere)
        other = Report.objects.create(
            gemeente=world.middelburg, period=submission.period, title=f"Monitor {year}"
        )
        ReportEvent.objects.create(report=other, action="aangemaakt", actor=world.beleid_veere)
    assert count_queries() == few


def test_approving_in_the_admin_goes_through_the_workflow(reviewer_client, world, ingediend):
    response = post_action(reviewer_client, "goedkeuren", [ingediend])
    assert response.status_code == 302
    ingediend.refresh_from_db()
    assert ingediend.status == SubmissionStatus.GOEDGEKEURD
    assert ingediend.reviewed_by == world.beleid
    event = ingediend.events.get(action="goedkeuren")
    assert (event.actor, event.via, event.to_status) == (world.beleid, "admin", "goedgekeurd")
    page = reviewer_client.get(response.url)
    assert any("Goedgekeurd" in m for m in messages_of(page))


def test_approving_your_own_submission_in_the_admin_is_refused_with_a_message(
    reviewer_client, world
):
    Membership.objects.create(user=world.beleid, role=Role.LEVERANCIER, organisation=world.orionis)
    fill_submission(world, user=world.beleid)
    transition(world.submission, "indienen", world.beleid)
    response = post_action(reviewer_client, "goedkeuren", [world.submission])
    page = reviewer_client.get(response.url)
    assert any("vier-ogenprincipe" in m for m in messages_of(page))
    world.submission.refresh_from_db()
    assert world.submission.status == SubmissionStatus.INGEDIEND
    assert not world.submission.events.filter(action="goedkeuren").exists()


def test_an_action_nobody_may_take_reports_the_refusal_per_submission(
    reviewer_client, world, ingediend
):
    other = SubmissionFactory(uitvraag=world.uitvraag, period=period("2017H2"))
    response = post_action(reviewer_client, "goedkeuren", [ingediend, other])
    page_messages = messages_of(reviewer_client.get(response.url))
    assert any(str(ingediend) in m and "Goedgekeurd" in m for m in page_messages)
    assert any(str(other) in m and "kan niet bij status" in m for m in page_messages)


def test_the_status_cannot_be_edited_in_the_change_form(admin_client, world, ingediend):
    url = admin_url(Submission, "change", ingediend.pk)
    form = admin_client.get(url).context["adminform"].form
    assert "status" not in form.fields
    assert "deadline" in form.fields
    admin_client.post(
        url,
        {
            "deadline": "2018-09-01",
            "status": "goedgekeurd",
            "values-TOTAL_FORMS": "0",
            "values-INITIAL_FORMS": "0",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )
    ingediend.refresh_from_db()
    assert ingediend.deadline == date(2018, 9, 1)
    assert ingediend.status == SubmissionStatus.INGEDIEND


def test_sending_back_asks_for_a_reason_first(reviewer_client, ingediend):
    response = post_action(reviewer_client, "terugsturen", [ingediend])
    assert response.status_code == 200
    assert response.templates[0].name == "admin/action_reason.html"
    assert 'name="reason"' in response.content.decode()
    ingediend.refresh_from_db()
    assert ingediend.status == SubmissionStatus.INGEDIEND


def test_sending_back_without_a_reason_is_refused(reviewer_client, ingediend):
    response = post_action(reviewer_client, "terugsturen", [ingediend], confirm="yes", reason=" ")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Geef een reden op." in content
    assert 'aria-invalid="true"' in content
    ingediend.refresh_from_db()
    assert ingediend.status == SubmissionStatus.INGEDIEND


def test_sending_back_with_a_reason_stores_it_for_the_supplier(reviewer_client, world, ingediend):
    response = post_action(
        reviewer_client, "terugsturen", [ingediend], confirm="yes", reason="Wsw klopt niet"
    )
    assert response.status_code == 302
    ingediend.refresh_from_db()
    assert ingediend.status == SubmissionStatus.TERUGGESTUURD
    assert ingediend.send_back_reason == "Wsw klopt niet"
    assert ingediend.events.get(action="terugsturen").reason == "Wsw klopt niet"


def test_a_beheerder_reopens_an_approved_submission_with_an_audited_reason(
    beheerder_client, world, ingediend
):
    transition(ingediend, "goedkeuren", world.beleid)
    response = post_action(
        beheerder_client, "heropenen", [ingediend], confirm="yes", reason="Correctie CBS"
    )
    assert response.status_code == 302
    ingediend.refresh_from_db()
    assert ingediend.status == SubmissionStatus.CONCEPT
    event = ingediend.events.get(action="heropenen")
    assert (event.actor, event.reason, event.via) == (world.beheerder, "Correctie CBS", "admin")


def test_a_submitted_submission_cannot_be_deleted_in_the_admin(admin_client, ingediend):
    response = admin_client.post(admin_url(Submission, "delete", ingediend.pk), {"post": "yes"})
    assert response.status_code == 403
    assert Submission.objects.filter(pk=ingediend.pk).exists()


def test_values_are_read_only_in_the_admin_and_say_who_enters_them(admin_client, world):
    fill_submission(world)
    value = Value.objects.first()
    changelist = admin_client.get(admin_url(Value, "changelist"))
    assert "ingevoerd door de uitvoeringsorganisatie" in changelist.content.decode()
    change_url = admin_url(Value, "change", value.pk)
    assert admin_client.get(change_url).context["adminform"].form.fields == {}
    assert admin_client.post(change_url, {"raw": "1"}).status_code == 403


def test_the_history_of_a_value_shows_who_changed_it_and_cannot_be_reverted(admin_client, world):
    fill_submission(world)
    fill_submission(
        world,
        user=world.leverancier2,
        values={(world.aantal_clienten.pk, world.wsw.pk): "670"},
    )
    value = Value.objects.get(indicator=world.aantal_clienten, doelgroep=world.wsw)
    history = admin_client.get(admin_url(Value, "history", value.pk))
    content = history.content.decode()
    assert history.status_code == 200
    assert str(world.leverancier) in content and str(world.leverancier2) in content
    assert "666" in content and "670" in content
    oldest = value.history.earliest("history_date")
    revert_url = reverse("admin:indicators_value_simple_history", args=[value.pk, oldest.pk])
    assert admin_client.get(revert_url).status_code == 200
    assert admin_client.post(revert_url, {"raw": "666"}).status_code == 403
    value.refresh_from_db()
    assert value.raw == "670"


def test_a_period_is_added_by_its_code_alone(admin_client):
    response = admin_client.post(
        admin_url(Period, "add"), {"identifier": "2019s2", "peildatum": ""}
    )
    assert response.status_code == 302
    added = Period.objects.get(identifier="2019H2")
    assert (added.start, added.end, added.peildatum) == (
        date(2019, 7, 1),
        date(2019, 12, 31),
        date(2019, 12, 31),
    )


def test_a_beheerder_gives_a_role_on_the_user_page(beheerder_client, world):
    person = UserFactory(username="nieuw")
    response = beheerder_client.post(
        admin_url(person.__class__, "change", person.pk),
        {
            "username": "nieuw",
            "first_name": "Nieuwe",
            "last_name": "Collega",
            "email": "nieuw@example.nl",
            "is_active": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-role": Role.BELEID,
            "memberships-0-organisation": world.veere.pk,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert person.memberships.get().organisation == world.veere


def test_giving_someone_the_beheerder_role_makes_them_staff(beheerder_client):
    person = UserFactory()
    response = beheerder_client.post(
        admin_url(Membership, "add"), {"user": person.pk, "role": Role.BEHEERDER}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.is_staff


def test_a_beheerder_cannot_make_anyone_superuser(beheerder_client):
    person = UserFactory()
    form = (
        beheerder_client.get(admin_url(person.__class__, "change", person.pk))
        .context["adminform"]
        .form
    )
    assert "is_superuser" not in form.fields
    assert "user_permissions" not in form.fields


def test_a_beheerder_cannot_change_a_superuser(beheerder_client):
    root = UserFactory(is_superuser=True, is_staff=True)
    url = admin_url(root.__class__, "change", root.pk)
    assert beheerder_client.post(url, {"username": "root", "is_active": ""}).status_code == 403
    password_url = reverse("admin:auth_user_password_change", args=[root.pk])
    assert beheerder_client.get(password_url).status_code == 403


def test_offering_a_report_without_files_is_refused_with_the_workflow_message(admin_client, report):
    response = admin_client.post(
        admin_url(Report, "changelist"),
        {"action": "aanbieden", ACTION_CHECKBOX_NAME: [report.pk]},
    )
    page_messages = messages_of(admin_client.get(response.url))
    assert any("Maak eerst de rapportage" in m for m in page_messages)
    report.refresh_from_db()
    assert report.status == ReportStatus.CONCEPT


def test_a_vastgesteld_report_is_read_only_in_the_admin(admin_client, report):
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.VASTGESTELD)
    url = admin_url(Report, "change", report.pk)
    assert admin_client.get(url).context["adminform"].form.fields == {}
    assert admin_client.post(url, {"title": "Anders"}).status_code == 403
    assert (
        admin_client.post(admin_url(Report, "delete", report.pk), {"post": "yes"}).status_code
        == 403
    )
    report.refresh_from_db()
    assert report.title == "Monitor Sociaal Domein Vlissingen"


def test_audit_events_cannot_be_added_changed_or_deleted(admin_client, report):
    event = report.events.get()
    assert admin_client.get(admin_url(ReportEvent, "add")).status_code == 403
    assert admin_client.post(admin_url(ReportEvent, "change", event.pk), {}).status_code == 403
    assert (
        admin_client.post(admin_url(ReportEvent, "delete", event.pk), {"post": "yes"}).status_code
        == 403
    )


def post_report_action(client, action, reports, **extra):
    response = client.post(
        admin_url(Report, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [r.pk for r in reports], **extra},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return messages_of(client.get(response.url))


def test_adding_a_report_in_the_admin_numbers_and_titles_it_like_the_web_ui(
    beheerder_client, world
):
    response = beheerder_client.post(
        admin_url(Report, "add"),
        {"gemeente": world.vlissingen.pk, "period": world.submission.period.pk},
    )
    assert response.status_code == 302
    added = Report.objects.get()
    assert (added.version, added.created_by) == (1, world.beheerder)
    assert "Vlissingen" in added.title
    assert added.events.get().action == "aangemaakt"


def test_a_second_open_report_for_the_same_gemeente_and_period_is_refused(
    beheerder_client, world, report
):
    response = beheerder_client.post(
        admin_url(Report, "add"),
        {"gemeente": world.vlissingen.pk, "period": world.submission.period.pk},
        follow=True,
    )
    assert any("al een rapportage" in m for m in messages_of(response))
    assert Report.objects.count() == 1


THEMA_TEXT_FIELDS = [
    "wat_streven_we_na",
    "waarom_belangrijk",
    "wat_zien_we_positief",
    "wat_zien_we_negatief",
    "wat_zien_we",
    "rol_gemeente",
]


def report_change_data(report, texts=(), supplier_texts=(), **extra):
    """The report's change form as the admin posts it: the report's own fields and both text
    inlines, ``texts`` and ``supplier_texts`` as lists of field dicts (with ``id`` for a saved
    row), the rest of a saved row's texts as they are."""
    data = {"title": report.title, "introduction": report.introduction, **extra}
    for prefix, model, rows in [
        ("texts", ReportText, texts),
        ("supplier_texts", ReportSupplierText, supplier_texts),
    ]:
        saved = [row for row in rows if row.get("id")]
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(len(saved))
        for number, row in enumerate(sorted(rows, key=lambda r: not r.get("id"))):
            current = model.objects.get(pk=row["id"]) if row.get("id") else None
            values = {
                "report": report.pk,
                **(
                    {
                        f.name: f.value_from_object(current)
                        for f in model._meta.concrete_fields
                        if f.name not in {"report", "updated_by", "updated_at"}
                    }
                    if current
                    else {}
                ),
                **row,
            }
            for name, value in values.items():
                data[f"{prefix}-{number}-{name}"] = "" if value is None else value
    return data


def test_editing_the_duiding_in_the_admin_is_audited_and_marks_the_pdf_outdated(
    beheerder_client, world, report
):
    text = report.texts.get()
    response = beheerder_client.post(
        admin_url(Report, "change", report.pk),
        report_change_data(
            report,
            texts=[{"id": text.pk, "wat_zien_we": "Minder uitstroom dan verwacht."}],
            introduction="Nieuwe inleiding",
        ),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    text.refresh_from_db()
    assert report.introduction == "Nieuwe inleiding"
    assert (text.wat_zien_we, text.updated_by) == (
        "Minder uitstroom dan verwacht.",
        world.beheerder,
    )
    assert report.texts_updated_at is not None
    assert report.events.filter(action="duiding", actor=world.beheerder).exists()


def test_the_change_page_of_a_concept_shows_every_text_of_the_report(
    beheerder_client, world, report
):
    ReportSupplierText.objects.create(
        report=report,
        thema=world.aantal_clienten.thema,
        uitvoerder=world.orionis,
        bijdrage="Orionis bemiddelt naar werk.",
    )
    page = beheerder_client.get(admin_url(Report, "change", report.pk)).content.decode()
    for name in THEMA_TEXT_FIELDS:
        assert f'name="texts-0-{name}"' in page, name
    for name in ["thema", "uitvoerder", "bijdrage", "wat_valt_op"]:
        assert f'name="supplier_texts-0-{name}"' in page, name
    assert "Deel 1 Populatie: teksten per maatschappelijk resultaat" in page
    assert "Deel 2 Prestaties: teksten per uitvoeringsorganisatie" in page
    assert "Wat is de rol van de gemeente?" in page
    assert "Orionis bemiddelt naar werk." in page


def test_saving_every_text_in_the_admin_stores_it_audited_and_marks_the_pdf_outdated(
    beheerder_client, world, report
):
    Report.objects.filter(pk=report.pk).update(generated_at=timezone.now())
    text = report.texts.get()
    thema = text.thema
    written = {name: f"Tekst {name}" for name in THEMA_TEXT_FIELDS}
    response = beheerder_client.post(
        admin_url(Report, "change", report.pk),
        report_change_data(
            report,
            texts=[{"id": text.pk, **written}],
            supplier_texts=[
                {
                    "thema": thema.pk,
                    "uitvoerder": world.orionis.pk,
                    "bijdrage": "Orionis bemiddelt naar werk.",
                    "wat_valt_op": "De uitstroom naar werk stijgt.",
                }
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    text.refresh_from_db()
    assert {name: getattr(text, name) for name in THEMA_TEXT_FIELDS} == written
    supplier = ReportSupplierText.objects.get(report=report)
    assert (supplier.thema, supplier.uitvoerder) == (thema, world.orionis)
    assert (supplier.bijdrage, supplier.wat_valt_op, supplier.updated_by) == (
        "Orionis bemiddelt naar werk.",
        "De uitstroom naar werk stijgt.",
        world.beheerder,
    )
    report.refresh_from_db()
    assert report.is_outdated
    event = report.events.get(action="duiding")
    assert event.actor == world.beheerder
    assert f"{thema.name} – Orionis Walcheren" in event.reason


def test_deleting_a_supplier_text_in_the_admin_empties_it(beheerder_client, world, report):
    supplier = ReportSupplierText.objects.create(
        report=report,
        thema=world.aantal_clienten.thema,
        uitvoerder=world.orionis,
        bijdrage="Orionis bemiddelt naar werk.",
        wat_valt_op="De uitstroom stijgt.",
    )
    text = report.texts.get()
    response = beheerder_client.post(
        admin_url(Report, "change", report.pk),
        report_change_data(
            report,
            texts=[{"id": text.pk}],
            supplier_texts=[{"id": supplier.pk, "DELETE": "on"}],
        ),
    )
    assert response.status_code == 302
    supplier.refresh_from_db()
    assert (supplier.bijdrage, supplier.wat_valt_op) == ("", "")
    assert "Orionis Walcheren" in report.events.get(action="duiding").reason


def test_moving_a_supplier_text_to_another_supplier_in_the_admin(beheerder_client, world, report):
    thema = world.aantal_clienten.thema
    supplier = ReportSupplierText.objects.create(
        report=report, thema=thema, uitvoerder=world.orionis, bijdrage="Toegang tot de Wmo."
    )
    response = beheerder_client.post(
        admin_url(Report, "change", report.pk),
        report_change_data(
            report,
            texts=[{"id": report.texts.get().pk}],
            supplier_texts=[{"id": supplier.pk, "uitvoerder": world.porthos.pk}],
        ),
    )
    assert response.status_code == 302
    texts = {t.uitvoerder: t.bijdrage for t in report.supplier_texts.all()}
    assert texts == {world.orionis: "", world.porthos: "Toegang tot de Wmo."}


def test_changing_only_the_title_in_the_admin_leaves_the_texts_unsaved(
    beheerder_client, world, report
):
    text = report.texts.get()
    response = beheerder_client.post(
        admin_url(Report, "change", report.pk),
        report_change_data(report, texts=[{"id": text.pk}], title="Andere titel"),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title == "Andere titel"
    # The texts page still starts from its proposal: nobody looked at the texts.
    assert not report.events.filter(action="duiding").exists()
    assert report.texts_updated_at is None


def test_the_texts_of_a_vastgesteld_report_are_read_only_in_the_admin(
    beheerder_client, world, report
):
    supplier = ReportSupplierText.objects.create(
        report=report,
        thema=world.aantal_clienten.thema,
        uitvoerder=world.orionis,
        bijdrage="Orionis bemiddelt naar werk.",
    )
    ReportText.objects.filter(report=report).update(rol_gemeente="De gemeente stimuleert.")
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.VASTGESTELD)
    url = admin_url(Report, "change", report.pk)
    page = beheerder_client.get(url).content.decode()
    assert "De gemeente stimuleert." in page
    assert "Orionis bemiddelt naar werk." in page
    assert 'name="texts-0-rol_gemeente"' not in page
    assert 'name="supplier_texts-0-bijdrage"' not in page
    text = report.texts.get()
    response = beheerder_client.post(
        url,
        report_change_data(
            report,
            texts=[{"id": text.pk, "rol_gemeente": "Anders"}],
            supplier_texts=[{"id": supplier.pk, "bijdrage": "Anders"}],
        ),
    )
    assert response.status_code == 403
    supplier.refresh_from_db()
    text.refresh_from_db()
    assert (text.rol_gemeente, supplier.bijdrage) == (
        "De gemeente stimuleert.",
        "Orionis bemiddelt naar werk.",
    )
    assert not report.events.filter(action="duiding").exists()


def test_making_a_report_in_the_admin_queues_its_generation(
    beheerder_client, world, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        made = post_report_action(beheerder_client, "maken", [report])
    assert any("het maken is aangevraagd" in m for m in made)
    assert len(callbacks) == 1  # the Celery task, sent once the transaction commits
    report.refresh_from_db()
    assert report.generation_status == GenerationStatus.QUEUED
    assert report.events.filter(action="genereren", actor=world.beheerder).exists()


def test_a_made_report_is_offered_and_vastgesteld_through_admin_actions(
    beheerder_client, world, report, settings
):
    # What the generation task leaves behind (the task itself is tested in tests/reports).
    report.pdf.save("rapport.pdf", ContentFile(b"%PDF-1.7 rapport"), save=False)
    report.xlsx.save("rapport.xlsx", ContentFile(b"PK xlsx"), save=False)
    report.generation_status = GenerationStatus.DONE
    report.generated_at = timezone.now()
    report.save()
    offered = post_report_action(beheerder_client, "aanbieden", [report])
    assert any("Ter vaststelling" in m for m in offered)
    asked = beheerder_client.post(
        admin_url(Report, "changelist"),
        {"action": "collegebesluit", ACTION_CHECKBOX_NAME: [report.pk]},
    )
    assert "Datum van het collegebesluit" in asked.content.decode()
    post_report_action(
        beheerder_client,
        "collegebesluit",
        [report],
        confirm="yes",
        datum="2018-09-04",
        kenmerk="B&W 2018/7",
    )
    raad = {"confirm": "yes", "datum": "2018-09-20", "kenmerk": "RB 2018/14"}
    # The beheerder offered it: someone else registers the raad's adoption (four-eyes) ...
    refused = post_report_action(beheerder_client, "vaststellen", [report], **raad)
    assert any("vier-ogenprincipe" in m for m in refused)
    # ... unless the gemeente switched that off.
    settings.REPORT_FOUR_EYES_ADOPTION = False
    adopted = post_report_action(beheerder_client, "vaststellen", [report], **raad)
    assert any("Vastgesteld" in m for m in adopted)
    report.refresh_from_db()
    assert report.status == ReportStatus.VASTGESTELD
    assert report.vastgesteld_by == world.beheerder
    assert (report.college_besluit_datum, report.college_besluit_kenmerk) == (
        date(2018, 9, 4),
        "B&W 2018/7",
    )
    assert (report.besluit_orgaan, report.besluit_kenmerk) == ("raad", "RB 2018/14")
    assert report.pdf_sha256 == hashlib.sha256(b"%PDF-1.7 rapport").hexdigest()
    assert {"aanbieden", "collegebesluit", "vaststellen"} <= set(
        report.events.values_list("action", flat=True)
    )


def test_a_new_version_of_a_vastgesteld_report_needs_a_reason(beheerder_client, world, report):
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.VASTGESTELD)
    response = beheerder_client.post(
        admin_url(Report, "changelist"),
        {"action": "nieuwe_versie", ACTION_CHECKBOX_NAME: [report.pk], "confirm": "yes"},
    )
    assert "Geef een reden op." in response.content.decode()
    assert Report.objects.count() == 1
    post_report_action(
        beheerder_client, "nieuwe_versie", [report], confirm="yes", reason="Cijfer gecorrigeerd"
    )
    fresh = Report.objects.get(replaces=report)
    assert (fresh.version, fresh.status, fresh.replacement_reason) == (
        2,
        ReportStatus.CONCEPT,
        "Cijfer gecorrigeerd",
    )
