"""What only a browser shows: the programme fits a 360 px phone and its filter works."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from conferences.models import Room, SessionKind, Topic
from tests.factories import make_conference, make_session, make_speaker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_programme_fits_a_phone_and_filters_by_topic_with_the_form(browser_page, live_server):
    conference = make_conference()
    room = Room.objects.create(conference=conference, name="Kongresshalle, Großer Saal")
    topic = Topic.objects.create(conference=conference, number=1, slug="data", title="City data")
    make_session(
        conference,
        title="Digital government in practice – where are the citizens? A very long title",
        kind=SessionKind.KEYNOTE,
        room=room,
        topic=topic,
        speakers=[make_speaker(organisation="Bundes-Arbeitsgemeinschaft der Kommunalen IT")],
    )
    make_session(conference, title="Coffee break", kind=SessionKind.BREAK, start_hour=11)
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + reverse("conferences:programme", args=[conference.slug]))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.select_option("#id_topic", "data")
    page.click("form.programme-filter button[type=submit]")
    page.wait_for_url("**topic=data**")
    assert page.locator(".session").count() == 1
    assert "Coffee break" not in page.content()


def test_programme_import_form_and_preview_have_no_wcag_violations(
    browser_page, live_server, django_user_model, axe_violations, tmp_path
):
    user = django_user_model.objects.create_user(
        "orga", password="a-long-pass-phrase", is_staff=True
    )
    user.user_permissions.add(*Permission.objects.filter(codename__endswith="_speaker"))
    page = browser_page
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "orga")
    page.fill("#id_password", "a-long-pass-phrase")
    page.click("[type=submit]")
    page.wait_for_load_state("load")
    sheet = tmp_path / "speakers.csv"
    sheet.write_text("slug,first_name,last_name\nada,Ada,Lovelace\nbad,,\n")

    page.goto(live_server.url + reverse("admin:conferences_speaker_import"))
    found = {"form": axe_violations(page)}
    page.set_input_files("#id_import_file", str(sheet))
    page.select_option("#id_format", "0")
    page.click("#content [type=submit]")
    page.wait_for_load_state("load")
    assert "This field cannot be blank." in page.content()  # the bad row, with its reason
    found["preview"] = axe_violations(page)
    assert found == {"form": [], "preview": []}
