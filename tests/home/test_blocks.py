import io
import json
import re

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.blocks.stream_block import StreamBlockValidationError

from home.blocks import BaseStreamBlock
from home.models import SiteImage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 800), "#7a1f2b").save(buffer, "JPEG")
    return SiteImage.objects.create(
        title="Citadelle",
        description="La Citadelle au-dessus de la boucle du Doubs",
        file=ImageFile(buffer, name="citadelle.jpg"),
    )


def test_every_block_renders_on_a_page(client, home_page, image):
    page = StandardPage(title="Tous les blocs", slug="tous-les-blocs")
    raw = [
        ("heading", {"text": "Une ville rayonnante", "level": "h2"}),
        ("paragraph", "<p>Du <b>texte</b>.</p>"),
        ("quote", {"quote": "Nous sommes tous Besançon.", "attribution": "Le programme"}),
        (
            "image",
            {
                "image": {"image": image.pk, "decorative": False, "alt_text": "La Citadelle"},
                "caption": "Vue générale",
            },
        ),
        ("key_figure", {"value": "15378", "unit": "habitants", "label": "à Planoise", "source": "RP 2019"}),
        ("link_list", {"title": "Liens", "links": [{"page": home_page.pk, "url": "", "text": ""}]}),
        (
            "call_to_action",
            {"text": "Écrivez-nous", "link": {"page": None, "url": "https://example.org/", "text": "Contact"}},
        ),
    ]
    page.body = [{"type": block_type, "value": value} for block_type, value in raw]
    home_page.add_child(instance=page)
    page.save_revision().publish()

    html = client.get("/fr/tous-les-blocs/").content.decode()
    assert "<h2>Une ville rayonnante</h2>" in html
    assert "<b>texte</b>" in html
    assert "<blockquote><p>Nous sommes tous Besançon.</p></blockquote>" in html
    assert 'alt="La Citadelle"' in html and "srcset=" in html and "<figcaption>Vue générale" in html
    # French number formatting: a non-breaking space between thousands.
    assert re.search(r"15\s378 <span class=\"key-figure__unit\">habitants</span>", html)
    assert 'href="/fr/">Nous sommes tous Besançon</a>' in html
    assert 'href="https://example.org/">Contact</a>' in html


def test_image_block_refuses_missing_alt_text(image):
    block = BaseStreamBlock()
    value = block.to_python(
        [{"type": "image", "value": {"image": {"image": image.pk, "decorative": False, "alt_text": ""}, "caption": ""}}]
    )
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    assert "alt_text" in json.dumps(error.value.as_json_data())


def test_link_needs_a_page_or_an_address():
    block = BaseStreamBlock()
    value = block.to_python(
        [{"type": "link_list", "value": {"title": "", "links": [{"page": None, "url": "", "text": "x"}]}}]
    )
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    assert "Choisissez une page ou une adresse" in json.dumps(error.value.as_json_data(), ensure_ascii=False)


def test_blocks_describe_themselves_to_editors():
    for name, child in BaseStreamBlock().child_blocks.items():
        assert child.meta.description, name
        assert child.meta.template, name
