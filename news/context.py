"""What the news pages' templates show beyond the page itself (``BasePage.page_context``)."""

from home.pagination import CachedListing, paginate


def news_index_page(page, request):
    listing_page = paginate(request, CachedListing("news-articles", page.articles, list, page.pk))
    return {"articles": listing_page.items, "listing_page": listing_page}
