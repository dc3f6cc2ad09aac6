"""The quartier models: what goes to translators and what stays a number, validation, charts."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import StringSegment, TranslationSource
from wagtail_localize.operations import TranslationCreator

from quartiers.charts import build_chart
from quartiers.formatting import format_value
from quartiers.models import Indicator, QuartierPage, SharedObjectives

pytestmark = pytest.mark.django_db


def _kinds(model):
    return {field.field_name: field.is_translated(model()) for field in get_translatable_fields(model)}


def test_indicator_labels_are_translated_and_numbers_synchronised():
    fields = _kinds(Indicator)
    for name in ("label", "unit", "source", "note"):
        assert fields[name] is True, name
    for name in ("value", "besancon_value", "gbm_value", "code", "year", "theme"):
        assert fields[name] is False, name


def test_quartier_page_translates_its_texts_and_keeps_its_facts():
    fields = _kinds(QuartierPage)
    for name in ("title", "body", "project_title", "project_introduction", "priorities", "indicators"):
        assert fields[name] is True, name
    for name in ("kind", "commune", "latitude", "longitude", "social_centre_links"):
        assert fields[name] is False, name


def test_translators_get_labels_not_numbers(planoise):
    source, _created = TranslationSource.get_or_create_from_instance(planoise)
    strings = set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )
    assert "Revenu disponible médian des ménages par unité de consommation" in strings
    assert "Recensement de la population" in strings
    assert not {"15378", "15378.00", "13080.00", "2018", "population"} & strings


def test_a_translated_quartier_keeps_every_figure(planoise, django_user_model):
    english = Locale.objects.get(language_code="en")
    user = django_user_model.objects.create_superuser("traductrice", "t@example.org", "x")
    # The English tree's quartiers index must exist first.
    TranslationCreator(user, [english]).create_translations(planoise.get_parent().specific)
    TranslationCreator(user, [english]).create_translations(planoise)
    translated = planoise.get_translation(english)
    source = [(i.code, i.value, i.besancon_value, i.gbm_value, i.year) for i in planoise.indicators.all()]
    copy = [(i.code, i.value, i.besancon_value, i.gbm_value, i.year) for i in translated.indicators.all()]
    assert len(source) == 54
    assert copy == source
    assert {i.locale_id for i in translated.indicators.all()} == {english.pk}
    assert (translated.latitude, translated.longitude, translated.kind) == (
        planoise.latitude,
        planoise.longitude,
        planoise.kind,
    )
    # The socle commun is one snippet, translated once and shared by the translated pages.
    assert isinstance(translated.shared_objectives, SharedObjectives)
    assert translated.shared_objectives.locale_id == english.pk


def test_coordinates_come_in_pairs(planoise):
    planoise.longitude = None
    with pytest.raises(ValidationError) as error:
        planoise.full_clean()
    assert "longitude" in error.value.message_dict


def test_coordinates_must_be_real_degrees(planoise):
    planoise.latitude = Decimal("123.5")
    with pytest.raises(ValidationError) as error:
        planoise.full_clean()
    assert "latitude" in error.value.message_dict


@pytest.mark.parametrize(
    "language, value, unit, expected",
    [
        ("fr", Decimal("15378.00"), "habitants", "15 378 habitants"),
        ("fr", Decimal("13.20"), "%", "13,2 %"),
        ("fr", Decimal("5.16"), "€/m²", "5,16 €/m²"),
        ("en", Decimal("15378.00"), "inhabitants", "15,378 inhabitants"),
    ],
)
def test_values_are_written_in_the_readers_language(language, value, unit, expected):
    with translation.override(language):
        text = format_value(value, unit)
    assert text.replace("\u202f", " ").replace("\u00a0", " ") == expected


def _indicator(code, value, unit="%", besancon=None, gbm=None, label="Chiffre"):
    return Indicator(
        code=code, theme="logement", label=label, value=Decimal(value), unit=unit,
        besancon_value=besancon, gbm_value=gbm, source="Test", year="2024",
    )


def _plain(text):
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_a_comparison_is_drawn_on_its_own_scale_and_a_lone_figure_is_a_key_figure():
    """Planoise's social housing (seed: 79 %, Besançon 25 %, GBM 19 %) on a 0–79 scale, not
    0–100; its 5 574 social dwellings, given for the quartier alone, are a key figure; ranks
    are neither."""
    chart = build_chart(
        "Planoise",
        "logement",
        "Logement",
        [
            _indicator("social-housing-share", "79", besancon=Decimal("25"), gbm=Decimal("19"), label="Part"),
            _indicator("social-housing-units", "5574", unit="logements", label="Logements sociaux"),
            _indicator("ips-rank-ecole-x", "30211", unit="rang"),
        ],
    )
    assert len(chart.rows) == 1
    row = chart.rows[0]
    assert row.zero == 0
    assert [bar.series for bar in row.bars] == ["quartier", "besancon", "gbm"]
    assert [bar.name for bar in row.bars] == ["Planoise", "Besançon", "Grand Besançon Métropole"]
    # Percentages of the track: 79 fills it, 25/79 and 19/79 of it.
    assert [bar.left for bar in row.bars] == [0, 0, 0]
    assert [bar.width for bar in row.bars] == [100, 31.65, 24.05]
    assert [_plain(bar.value_text) for bar in row.bars] == ["79 %", "25 %", "19 %"]
    assert [(figure.label, _plain(figure.value_text)) for figure in chart.key_figures] == [
        ("Logements sociaux", "5 574 logements")
    ]
    assert "Besançon et à Grand Besançon Métropole" in chart.title


def test_negative_values_are_drawn_left_of_a_zero_axis():
    """A fall of 12,8 % against rises of 4 % and 2 %: zero sits at 12,8 / 16,8 of the track."""
    chart = build_chart(
        "Montrapon",
        "demographie",
        "Démographie",
        [_indicator("population-change", "-12.8", besancon=Decimal("4"), gbm=Decimal("2"))],
    )
    row = chart.rows[0]
    assert row.zero == 76.19
    quartier, besancon, gbm = row.bars
    assert quartier.negative and not besancon.negative
    assert (quartier.left, quartier.width) == (0, 76.19)
    assert (besancon.left, besancon.width) == (76.19, 23.81)
    assert (gbm.left, gbm.width) == (76.19, 11.9)
    assert quartier.value_text.startswith("-12,8") and besancon.value_text.startswith("+4")
    assert row.has_negative


def test_a_lone_change_is_a_key_figure_with_its_sign():
    chart = build_chart("Planoise", "emploi", "Emploi", [_indicator("job-seekers-change", "-11")])
    assert chart.rows == []
    assert [_plain(figure.value_text) for figure in chart.key_figures] == ["-11 %"]
    assert chart.title == "Emploi : les chiffres de Planoise"


def test_a_group_of_rankings_only_has_no_chart():
    assert build_chart("Battant", "education", "Éducation", [_indicator("brevet-rank-x", "2682", unit="rang")]) is None


def test_translators_cannot_override_figures():
    for model, names in (
        (Indicator, ("value", "besancon_value", "gbm_value", "code", "year")),
        (QuartierPage, ("latitude", "longitude", "kind")),
    ):
        fields = {field.field_name: field for field in get_translatable_fields(model)}
        for name in names:
            assert not fields[name].is_overridable(model()), (model.__name__, name)
