"""slug_url() is reverse() for slug-only URLs, filled into a cached pattern: for every slug
and language it must give exactly what reverse() gives, and hand anything else to reverse()."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from mce_site.slug_urls import slug_url, slug_url_maker

slugs = st.from_regex(r"[-a-zA-Z0-9_]+", fullmatch=True)


@given(conference=slugs, session=slugs, language=st.sampled_from(["en", "de"]))
def test_slug_url_equals_reverse_for_every_slug_and_language(conference, session, language):
    with translation.override(language):
        expected = reverse(
            "conferences:session", kwargs={"slug": conference, "session_slug": session}
        )
        assert slug_url("conferences:session", slug=conference, session_slug=session) == expected


@given(topics=st.lists(slugs, min_size=1, max_size=5), language=st.sampled_from(["en", "de"]))
def test_a_slug_url_maker_writes_what_reverse_writes_in_its_language(topics, language):
    with translation.override(language):
        topic_url = slug_url_maker("conferences:topic")
    with translation.override("en" if language == "de" else "de"):  # made once, used later
        for topic in topics:
            with translation.override(language):
                expected = reverse("conferences:topic", kwargs={"slug": "c", "topic_slug": topic})
            assert topic_url(slug="c", topic_slug=topic) == expected


def test_a_value_that_is_no_slug_goes_to_reverse_and_is_refused_there():
    with pytest.raises(NoReverseMatch):
        slug_url("conferences:speaker", speaker_slug="not/a slug")


def test_the_language_prefix_follows_the_active_language():
    with translation.override("de"):
        assert slug_url("conferences:speaker", speaker_slug="anja") == "/de/speakers/anja/"
    with translation.override("en"):
        assert slug_url("conferences:speaker", speaker_slug="anja") == "/speakers/anja/"


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_slug_url_tag_writes_what_the_url_tag_writes(language):
    from django.template import engines

    django_engine = engines["django"]
    slow = django_engine.from_string(
        "{% url 'conferences:xcal' slug=s %}|{% url 'api:openapi-json' as api %}{{ api }}"
    )
    fast = django_engine.from_string(
        "{% load fast_urls %}{% slug_url 'conferences:xcal' slug=s %}|"
        "{% slug_url 'api:openapi-json' as api %}{{ api }}"
    )
    with translation.override(language):
        assert fast.render({"s": "2018-leipzig"}) == slow.render({"s": "2018-leipzig"})
