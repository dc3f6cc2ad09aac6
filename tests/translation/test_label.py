"""« Traduction automatique » on a public page, until a person has gone over the machine's text."""

from urllib.parse import urlencode

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation

from home.models import StandardPage
from tests.html import soup
from tests.translating import add_french_page

pytestmark = pytest.mark.django_db

NOTICE = "Traduction automatique : cette page a été traduite par une machine et n'a pas encore été relue."


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a translation's page (wagtail-localize publishes once the transaction commits)."""

    def publish(translation):
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(publish=True)

    return publish


@pytest.fixture
def machine_translate(client, publish):
    """« Translate with LibreTranslate », then « Publish » in the editor."""

    def machine_translate(translation):
        client.post(reverse("wagtail_localize:machine_translate", args=[translation.id]), {"next": "/admin/"})
        publish(translation)

    return machine_translate


def _notices(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return soup(response.content).select("main .notice--machine-translation")


def _notice_in(language):
    with translation.override(language):
        return translation.gettext(NOTICE)


def _edit_by_hand(client, translation, path):
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id])
    response = client.put(
        url, urlencode({"value": f"Reviewed {path}"}), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 201)  # the machine's string edited, or a new one


def _url(translation):
    return Page.objects.get(pk=translation.get_target_instance().pk).url


def _paths(translation):
    return list(
        StringSegment.objects.filter(source=translation.source)
        .order_by("order")
        .values_list("context__path", flat=True)
    )


@pytest.fixture
def logged_in(client, translator_user):
    client.force_login(translator_user)
    return client


def test_a_machine_translated_page_says_so_in_the_visitors_language(
    libretranslate, logged_in, machine_translate, english_translation
):
    machine_translate(english_translation)
    english_page = english_translation.get_target_instance()
    assert english_page.title == "LE MARCHÉ DE Planoise"

    [notice] = _notices(logged_in, english_page.url)

    assert notice["lang"] == "en"
    assert notice["role"] == "note"
    assert notice.get_text(strip=True) == _notice_in("en")


def test_the_label_goes_once_a_person_has_edited_every_machine_string(
    libretranslate, logged_in, machine_translate, english_translation
):
    machine_translate(english_translation)
    url = english_translation.get_target_instance().url
    paths = _paths(english_translation)
    assert paths[0] == "title" and len(paths) == 4

    for path in paths[:-1]:
        _edit_by_hand(logged_in, english_translation, path)
    assert len(_notices(logged_in, url)) == 1

    _edit_by_hand(logged_in, english_translation, paths[-1])
    assert StringTranslation.objects.filter(translation_type="machine").count() == 0
    assert _notices(logged_in, url) == []


def test_a_machine_string_the_french_page_no_longer_has_does_not_count(
    libretranslate,
    logged_in,
    machine_translate,
    publish,
    english_translation,
    french_page,
    django_capture_on_commit_callbacks,
):
    machine_translate(english_translation)
    for path in _paths(english_translation):
        if path != "summary":
            _edit_by_hand(logged_in, english_translation, path)
    url = english_translation.get_target_instance().url
    assert len(_notices(logged_in, url)) == 1

    # The French summary is rewritten and the translation updated: the machine's summary is no
    # longer shown (the English page falls back to the new French text until translated).
    french_page.summary = "Chaque dimanche matin."
    with django_capture_on_commit_callbacks(execute=True):
        french_page.save_revision().publish()
    english_translation.source.update_from_db()
    publish(english_translation)

    assert _notices(logged_in, _url(english_translation)) == []


def test_no_label_on_a_page_a_person_translated(logged_in, publish, english_translation):
    for path in _paths(english_translation):
        _edit_by_hand(logged_in, english_translation, path)
    publish(english_translation)
    assert _notices(logged_in, english_translation.get_target_instance().url) == []


def test_no_label_on_the_french_page(libretranslate, logged_in, machine_translate, english_translation, french_page):
    machine_translate(english_translation)
    assert _notices(logged_in, french_page.url) == []


def _render_notice(page, language):
    request = RequestFactory().get("/")
    with translation.override(language):
        return Template('{% include "components/machine_translation_notice.html" %}').render(
            Context({"page": page, "request": request})
        )


def test_one_query_on_a_translated_page(
    libretranslate, logged_in, machine_translate, english_translation, django_assert_num_queries
):
    machine_translate(english_translation)
    english_page = Page.objects.get(pk=english_translation.get_target_instance().pk)
    with django_assert_num_queries(1):
        html = _render_notice(english_page, "en")
    assert 'lang="en"' in html


def test_no_query_on_a_french_page_nor_on_an_untranslated_one(site, django_assert_num_queries):
    french_home = site.root_page
    french_page = add_french_page(french_home, StandardPage(title="Pas encore traduite", slug="pas-encore"))
    german_alias = Page.objects.get(locale__language_code="de", alias_of=french_page)
    with django_assert_num_queries(0):
        assert _render_notice(french_home, "fr").strip() == ""
        assert _render_notice(german_alias, "de").strip() == ""
