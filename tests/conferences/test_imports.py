"""Programme import in admin: organisers upload a CSV or Excel sheet of topics, speakers or
sessions, see a preview with each row's changes and errors, then confirm."""

import io

import openpyxl
import pytest
import tablib
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from conferences.caching import VERSION_KEY
from conferences.imports import SessionResource
from conferences.models import ScheduleChange, Session, Speaker, Topic

pytestmark = pytest.mark.django_db

SESSION_HEADER = "conference,slug,title_en,title_de,kind,starts_at,ends_at,room,topic,speakers"


@pytest.fixture
def organiser(client, django_user_model):
    user = django_user_model.objects.create_user("orga", "orga@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Organisers"))
    client.force_login(user)
    return user


def _csv(*lines):
    return SimpleUploadedFile("sheet.csv", "\n".join(lines).encode(), content_type="text/csv")


def _preview(client, model, upload, file_format=0):
    url = reverse(f"admin:conferences_{model}_import")
    return client.post(url, {"import_file": upload, "format": file_format})


def _confirm(client, model, preview):
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, field.initial) for name, field in form.fields.items()}
    url = reverse(f"admin:conferences_{model}_process_import")
    return client.post(url, {k: v for k, v in data.items() if v is not None})


def test_session_sheet_is_previewed_then_imported_with_day_room_topic_and_speakers(
    client, organiser, conference, programme
):
    day = conference.days.all()[1]
    other = Speaker.objects.create(slug="ada", first_name="Ada", last_name="Lovelace")
    upload = _csv(
        SESSION_HEADER,
        f"{conference.slug},data-walk,Data walk,Datenspaziergang,plenary,"
        f"{day.date} 11:00,{day.date} 12:30,Großer Saal,city-data,ada;ralf-resch",
    )
    preview = _preview(client, "session", upload)
    assert preview.status_code == 200
    assert not Session.objects.filter(slug="data-walk").exists()  # nothing written yet
    assert "Data walk" in preview.content.decode()
    assert preview.context["result"].totals["new"] == 1

    response = _confirm(client, "session", preview)

    assert response.status_code == 302
    session = Session.objects.get(conference=conference, slug="data-walk")
    assert (session.title_en, session.title_de) == ("Data walk", "Datenspaziergang")
    assert session.day == day
    assert session.starts_at.astimezone(conference.tzinfo).hour == 11
    assert session.room == programme["room"] and session.topic == programme["topic"]
    appearances = list(session.appearances.values_list("speaker__slug", "order"))
    assert appearances == [("ada", 0), ("ralf-resch", 1)]
    assert other.sessions.get() == session


def test_importing_a_moved_published_session_records_a_schedule_change_and_clears_pages(
    client, organiser, conference, programme
):
    keynote = programme["keynote"]
    day = keynote.day
    cache.set(VERSION_KEY, 7, timeout=None)
    upload = _csv(
        SESSION_HEADER,
        f"{conference.slug},keynote,IT governance,,keynote,"
        f"{day.date} 15:00,{day.date} 16:00,Großer Saal,city-data,ralf-resch",
    )
    _confirm(client, "session", _preview(client, "session", upload))

    change = ScheduleChange.objects.get(session=keynote)
    assert change.after["starts_at"].startswith(f"{day.date}T")
    keynote.refresh_from_db()
    assert keynote.state == "moved"
    assert cache.get(VERSION_KEY) > 7
    entry = LogEntry.objects.get(object_id=str(keynote.pk))
    assert entry.user == organiser


def test_import_of_speakers_clears_the_public_pages_and_is_in_the_admin_history(client, organiser):
    cache.set(VERSION_KEY, 3, timeout=None)
    upload = _csv(
        "slug,first_name,last_name,organisation,country,role_en,role_de",
        "grace,Grace,Hopper,Navy,US,Admiral,Admiralin",
    )
    preview = _preview(client, "speaker", upload)
    assert cache.get(VERSION_KEY) == 3  # a preview is no change
    _confirm(client, "speaker", preview)

    speaker = Speaker.objects.get(slug="grace")
    assert (speaker.role_en, speaker.role_de, speaker.country.code) == (
        "Admiral",
        "Admiralin",
        "US",
    )
    assert cache.get(VERSION_KEY) > 3
    assert LogEntry.objects.filter(object_id=str(speaker.pk), user=organiser).exists()


def test_each_bad_row_is_reported_with_its_reason_and_nothing_is_imported(
    client, organiser, conference, programme
):
    day = conference.days.first()
    upload = _csv(
        SESSION_HEADER,
        f"{conference.slug},ok,Fine,,plenary,{day.date} 09:00,{day.date} 10:00,,,",
        f"{conference.slug},bad-time,Bad,,plenary,tomorrow,{day.date} 10:00,,,",
        f"{conference.slug},bad-room,Bad,,plenary,{day.date} 09:00,{day.date} 10:00,Attic,,",
        f"{conference.slug},bad-speaker,Bad,,plenary,{day.date} 09:00,{day.date} 10:00,,,nobody",
        f"{conference.slug},backwards,Bad,,plenary,{day.date} 11:00,{day.date} 10:00,,,",
        f"nowhere,lost,Bad,,plenary,{day.date} 09:00,{day.date} 10:00,,,",
    )
    preview = _preview(client, "session", upload)

    page = preview.content.decode()
    invalid = preview.context["result"].invalid_rows
    assert [row.number for row in invalid] == [2, 3, 4, 5, 6]
    assert "is not a time like 2026-06-10 09:30" in page
    assert "The conference has no room “Attic”" in page
    assert "Unknown speakers: nobody" in page
    assert "A session must end after it starts." in page
    assert "There is no conference “nowhere”" in page
    assert "confirm_form" not in preview.context or preview.context["confirm_form"] is None
    assert not Session.objects.filter(slug="ok").exists()


def test_importing_the_same_sheet_again_changes_nothing(client, organiser, conference):
    upload = "slug,conference,number,title_en,title_de\ncity-data,{},1,City data,Stadtdaten"
    sheet = upload.format(conference.slug)
    _confirm(client, "topic", _preview(client, "topic", _csv(sheet)))
    assert Topic.objects.get(slug="city-data").title_de == "Stadtdaten"

    again = _preview(client, "topic", _csv(sheet))

    assert again.context["result"].totals["skip"] == 1
    assert again.context["result"].totals["update"] == 0


def test_excel_sheets_are_imported_too(client, organiser):
    book = openpyxl.Workbook()
    book.active.append(["slug", "first_name", "last_name"])
    book.active.append(["linus", "Linus", "Torvalds"])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("speakers.xlsx", buffer.getvalue())

    _confirm(client, "speaker", _preview(client, "speaker", upload, file_format=1))

    assert Speaker.objects.filter(slug="linus", last_name="Torvalds").exists()


def test_only_staff_who_may_add_and_change_import(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    client.force_login(viewer)
    for model in ("session", "speaker", "topic"):
        assert client.get(reverse(f"admin:conferences_{model}_import")).status_code == 403
        upload = _csv("slug,first_name,last_name", "x,X,Y")
        url = reverse(f"admin:conferences_{model}_process_import")
        assert client.post(url, {"import_file": upload}).status_code == 403
    assert not Speaker.objects.exists()


def test_row_errors_are_in_german_for_german_organisers(conference):
    sheet = tablib.Dataset(
        ["nowhere", "x", "X", "", "plenary", "bald", "", "", "", ""],
        headers=SESSION_HEADER.split(","),
    )
    with translation.override("de"):
        result = SessionResource().import_data(sheet, dry_run=True)
        errors = result.invalid_rows[0].error_dict

    assert errors["conference"] == ["Es gibt keine Konferenz „nowhere“."]
    assert errors["starts_at"] == ["„bald“ ist keine Zeitangabe wie 2026-06-10 09:30."]
