from django.conf import settings
from django.core.management.base import BaseCommand
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.models import UnansweredQuery


class Command(BaseCommand):
    help = (
        "Forgets the visitors' queries counted more than WAGTAILSEARCH_HITS_MAX_AGE days ago "
        "(Wagtail's daily hits and the unanswered queries); queries with a promotion are kept. Run daily."
    )

    def handle(self, *args, **options):
        QueryDailyHits.garbage_collect()
        Query.garbage_collect()
        UnansweredQuery.garbage_collect()
        days = getattr(settings, "WAGTAILSEARCH_HITS_MAX_AGE", 30)
        self.stdout.write(self.style.SUCCESS(f"Recherches de plus de {days} jours oubliées."))
