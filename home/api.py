"""Wagtail's read-only API under /api/v2/: live public pages and images only."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

# Far beyond any real listing, and inside every database's integer range.
MAX_OFFSET = 1_000_000


class BoundedOffsetMixin:
    """Refuse offsets a database cannot take (a 400 answer, not a server error).

    Wagtail checks that ``offset`` is a non-negative integer but not its size: a 40-digit
    offset overflows SQLite's and PostgreSQL's integers.
    """

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        offset = self.request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset must be at most {MAX_OFFSET}")


class PublicPagesAPIViewSet(BoundedOffsetMixin, PagesAPIViewSet):
    pass


class PublicImagesAPIViewSet(BoundedOffsetMixin, ImagesAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
