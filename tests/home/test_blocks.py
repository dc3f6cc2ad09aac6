import io
import json

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.blocks.stream_block import StreamBlockValidationError

from home.blocks import BaseStreamBlock
from home.models import SiteImage, StandardPage
from tests.html import one, soup, text_of

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

    response = client.get("/fr/tous-les-blocs/")
    assert response.status_code == 200
    main = one(soup(response), "main")
    assert "Une ville rayonnante" in [text_of(h2) for h2 in main.find_all("h2")]
    assert [text_of(b) for b in main.find_all("b")] == ["texte"]
    assert text_of(one(main, "figure.quote blockquote > p")) == "Nous sommes tous Besançon."
    assert text_of(one(main, "figure.quote figcaption")) == "Le programme"
    image = one(main, "figure.figure img")
    assert image["alt"] == "La Citadelle" and image["srcset"]
    assert text_of(one(main, "figure.figure figcaption")).startswith("Vue générale")
    # French number formatting: a no-break space between thousands.
    figure = one(main, "p.key-figure")
    value = one(figure, ".key-figure__value")
    assert value.find(string=True, recursive=False).strip() == "15\u00a0378"
    assert text_of(one(value, ".key-figure__unit")) == "habitants"
    assert text_of(one(figure, ".key-figure__label")) == "à Planoise"
    assert text_of(one(figure, ".key-figure__source")) == "RP 2019"
    link = one(main, 'a[href="/fr/"]')
    assert text_of(link) == "Nous sommes tous Besançon"
    assert text_of(one(main, 'aside.call-to-action a[href="https://example.org/"]')) == "Contact"


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
    child_blocks = BaseStreamBlock().child_blocks
    assert list(child_blocks) == [
        "heading", "paragraph", "quote", "image", "key_figure", "link_list", "call_to_action",
    ]
    for name, child in child_blocks.items():
        assert child.meta.description, name
        assert child.meta.template, name
