import pytest

from quartiers.models import QuartierIndexPage, QuartierPage


@pytest.fixture
def quartiers_index(db, locale_fr):
    return QuartierIndexPage.objects.get(locale=locale_fr)


@pytest.fixture
def planoise(db, locale_fr):
    return QuartierPage.objects.get(slug="planoise", locale=locale_fr)
