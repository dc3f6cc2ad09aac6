"""Demo content of the news section: its index and its articles (``demo_data/news.yaml``)."""

from home.blocks import paragraphs_to_body

from .models import ArticlePage, NewsIndexPage


def load(loader):
    data = loader.read_data("news", "news.yaml")
    index = loader.upsert_section_index(NewsIndexPage, data["index"])
    for article in data["articles"]:
        loader.upsert_page(
            index,
            ArticlePage,
            article["slug"],
            title=article["title"],
            date=article["date"],
            source_name=article.get("source_name", ""),
            summary=article["summary"],
            body=paragraphs_to_body(article["body"]),
        )
