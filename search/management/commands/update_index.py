"""Wagtail's ``update_index``, which also empties the queue of index updates an engine missed
(``search.pending``): having indexed everything, nothing it queued before is still pending."""

from modelsearch.backends import get_search_backend
from wagtail.search.management.commands.update_index import Command as WagtailCommand

from search import pending
from search.engine import NeverDownBackend


class Command(WagtailCommand):
    def update_backend(self, backend_name, schema_only=False, **kwargs):
        before = pending.last_queued()
        super().update_backend(backend_name, schema_only=schema_only, **kwargs)
        if not schema_only and isinstance(get_search_backend(backend_name), NeverDownBackend):
            # Only what was queued before the rebuild began: it read every object after that.
            pending.forget_all(up_to=before)
