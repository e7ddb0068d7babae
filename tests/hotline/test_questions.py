"""The conference's questions in the back office: asked when registering a caller, shown and
changed on a registration's page (also after the attendees' deadline), one column each in
the exports (one query for all answers), in the person's data export, and gone with an
erasure."""

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from registration.hotline.personal_data import erase_personal_data
from registration.models import Answer, Question, Registration
from registration.questions.services import save_answers
from tests.factories import make_conference, make_question, make_registration

pytestmark = pytest.mark.django_db
Kind = Question.Kind


@pytest.fixture
def questions(conference):
    press = conference.participant_categories.get(code="press")
    return {
        "diet": make_question(
            conference,
            kind=Kind.ONE_CHOICE,
            label="Dinner menu",
            choices=["Meat", "Vegetarian"],
            required=True,
            order=1,
        ),
        "outlet": make_question(
            conference, label="Media outlet", required=True, categories=[press], order=2
        ),
        "first_time": make_question(conference, kind=Kind.YES_NO, label="First time?", order=3),
    }


def _caller(conference, **overrides):
    return {
        "source": "phone",
        "privacy_consent": "on",
        "first_name": "Ilse",
        "last_name": "Hörbiger",
        "organisation": "Stadt Wien",
        "city": "Wien",
        "country": "AT",
        "email": "ilse@wien.gv.at",
        "language": "de",
        "category": conference.participant_categories.get(code="member-city").pk,
        "days": [conference.days.first().pk],
        "gala_dinner": "no",
    } | overrides


def _add_url(conference):
    return reverse("hotline:registration_registration_add") + f"?conference={conference.pk}"


def _change_url(registration):
    return reverse("hotline:registration_registration_change", args=[registration.pk])


def _answers_url(registration):
    return reverse("hotline:registration_answers", args=[registration.pk])


def test_registering_a_caller_asks_the_questions_before_the_consent(
    hotline_client, conference, questions
):
    html = hotline_client.get(_add_url(conference)).content.decode()
    names = ("days", questions["diet"].field_name, "privacy_consent")
    positions = [html.index(f'name="{name}"') for name in names]
    assert positions == sorted(positions)
    assert "Only for: Press (required for them)." in html


def test_registering_a_caller_stores_the_answers_and_checks_them_like_the_web(
    hotline_client, conference, questions, django_capture_on_commit_callbacks
):
    response = hotline_client.post(_add_url(conference), _caller(conference))
    assert response.status_code == 200
    assert "Dinner menu" in response.content.decode()
    assert "Please answer this question." in response.content.decode()
    meat = questions["diet"].choices.get(label="Meat")
    data = _caller(conference, **{questions["diet"].field_name: str(meat.pk)})
    data[questions["first_time"].field_name] = "yes"
    with django_capture_on_commit_callbacks(execute=True):
        response = hotline_client.post(_add_url(conference), data)
    assert response.status_code == 302
    registration = Registration.objects.get(email="ilse@wien.gv.at")
    assert {a.question_id: a.value for a in registration.answers.all()} == {
        questions["diet"].pk: meat.pk,
        questions["first_time"].pk: True,
    }


def test_the_registration_page_shows_the_answers_and_links_to_changing_them(
    hotline_client, conference, questions
):
    registration = make_registration(conference)
    save_answers(registration=registration, answers={questions["first_time"]: False})
    html = hotline_client.get(_change_url(registration)).content.decode()
    assert "Answers to questions" in html
    assert "<dt>First time?</dt><dd><p>no</p></dd>" in html
    assert _answers_url(registration) in html


def test_a_conference_without_questions_shows_no_answers_on_the_registration_page(
    hotline_client, conference
):
    registration = make_registration(conference)
    html = hotline_client.get(_change_url(registration)).content.decode()
    assert "Answers to questions" not in html
    assert _answers_url(registration) not in html


def test_the_hotline_changes_answers_also_after_the_attendees_deadline(
    hotline_client, conference, questions
):
    conference.changes_close_at = timezone.now() - datetime.timedelta(days=1)
    conference.save()
    registration = make_registration(conference)
    save_answers(registration=registration, answers={questions["first_time"]: True})
    page = hotline_client.get(_answers_url(registration)).content.decode()
    assert "Media outlet" not in page  # not asked of this category
    vegetarian = questions["diet"].choices.get(label="Vegetarian")
    response = hotline_client.post(
        _answers_url(registration),
        {questions["diet"].field_name: str(vegetarian.pk), questions["first_time"].field_name: ""},
    )
    assert response.status_code == 302
    assert dict(registration.answers.values_list("question", "value")) == {
        questions["diet"].pk: vegetarian.pk
    }


def test_a_required_answer_cannot_be_emptied_by_the_hotline_either(
    hotline_client, conference, questions
):
    registration = make_registration(conference)
    response = hotline_client.post(_answers_url(registration), {})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="form-errors"' in html
    assert f'href="#id_{questions["diet"].field_name}_0"' in html
    assert not registration.answers.exists()


def test_staff_without_the_change_permission_cannot_change_answers(
    client, conference, questions, django_user_model
):
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["use_back_office", "view_registration"])
    )
    client.force_login(viewer)
    registration = make_registration(conference)
    assert client.get(_answers_url(registration)).status_code == 403
    post = client.post(_answers_url(registration), {questions["first_time"].field_name: "yes"})
    assert post.status_code == 403
    assert not registration.answers.exists()


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_export_has_a_column_per_question(hotline_lead_client, conference, questions):
    journalist = make_registration(
        conference, last_name="Presse", category=conference.participant_categories.get(code="press")
    )
    quiet = make_registration(conference, last_name="Still")
    save_answers(
        registration=journalist,
        answers={
            questions["outlet"]: "=Die Zeit",
            questions["diet"]: questions["diet"].choices.get(label="Vegetarian").pk,
            questions["first_time"]: True,
        },
    )
    rows = _csv_rows(hotline_lead_client.get(reverse("hotline:registration_export", args=["csv"])))
    assert rows[0][-3:] == ["Dinner menu", "Media outlet", "First time?"]
    by_name = {row[5]: row[-3:] for row in rows[1:]}
    assert by_name == {
        journalist.last_name: ["Vegetarian", "'=Die Zeit", "yes"],
        quiet.last_name: ["", "", ""],
    }
    url = reverse("hotline:registration_export", args=["csv"])
    searched = _csv_rows(
        hotline_lead_client.get(url, {"q": "Presse", "status__exact": "confirmed"})
    )
    assert [row[-3:] for row in searched[1:]] == [["Vegetarian", "'=Die Zeit", "yes"]]


def test_the_excel_export_has_the_same_columns(hotline_lead_client, conference, questions):
    registration = make_registration(conference)
    save_answers(registration=registration, answers={questions["first_time"]: False})
    response = hotline_lead_client.get(reverse("hotline:registration_export", args=["xlsx"]))
    values = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert values[0][-3:] == ("Dinner menu", "Media outlet", "First time?")
    assert values[1][-1] == "no"


def test_an_export_of_several_conferences_names_each_questions_conference(
    hotline_lead_client, conference, questions
):
    other = make_conference(booking_prefix="OTH")
    make_question(other, label="Hotel")
    make_registration(other)
    make_registration(conference)
    rows = _csv_rows(hotline_lead_client.get(reverse("hotline:registration_export", args=["csv"])))
    assert rows[0][-4:] == [
        "TST: Dinner menu",
        "TST: Media outlet",
        "TST: First time?",
        "OTH: Hotel",
    ]


def _export_queries(client):
    url = reverse("hotline:registration_export", args=["csv"])
    cache.clear()  # the sidebar's kept choices: each count starts from the same state
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_export_reads_all_answers_with_one_query_however_many_rows(
    hotline_lead_client, conference, questions
):
    def add_people(count):
        for _ in range(count):
            registration = make_registration(conference)
            save_answers(
                registration=registration,
                answers={questions["first_time"]: True, questions["outlet"]: "x"},
            )

    add_people(2)
    few = _export_queries(hotline_lead_client)
    add_people(20)
    assert _export_queries(hotline_lead_client) == few
    # Without questions: the questions' query alone (no choices, no answers).
    Answer.objects.all().delete()
    Question.objects.all().delete()
    assert _export_queries(hotline_lead_client) == few - 2


def test_the_persons_data_export_holds_their_answers(hotline_lead_client, conference, questions):
    registration = make_registration(conference)
    save_answers(
        registration=registration,
        answers={
            questions["diet"]: questions["diet"].choices.get(label="Meat").pk,
            questions["first_time"]: True,
        },
    )
    response = hotline_lead_client.get(
        reverse("hotline:registration_personal_data", args=[registration.pk])
    )
    data = json.loads(response.content)
    assert data["answers"] == [
        {"question": "Dinner menu", "answer": "Meat"},
        {"question": "First time?", "answer": "yes"},
    ]


def test_erasing_a_person_deletes_their_answers_and_no_one_elses(conference, questions):
    person = make_registration(conference, status="cancelled")
    other = make_registration(conference)
    for registration in (person, other):
        save_answers(registration=registration, answers={questions["outlet"]: "Zwetschkenbaum"})
    erase_personal_data(registration=person)
    assert not person.answers.exists()
    assert other.answers.count() == 1
    assert Question.objects.count() == 3  # the questions themselves stay


def test_anonymising_an_ended_conference_deletes_its_answers(questions, conference):
    from django.core.management import call_command

    registration = make_registration(conference)
    save_answers(registration=registration, answers={questions["outlet"]: "Zwetschkenbaum"})
    conference.start_date = timezone.localdate() - datetime.timedelta(days=400)
    conference.end_date = conference.start_date
    conference.save()
    call_command("anonymise_registrations", "--days", "365", stdout=io.StringIO())
    assert not Answer.objects.exists()
