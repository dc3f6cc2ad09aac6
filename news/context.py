"""What the news pages' templates show beyond the page itself (``BasePage.page_context``)."""


def news_index_page(page, request):
    return {"articles": page.articles()}
