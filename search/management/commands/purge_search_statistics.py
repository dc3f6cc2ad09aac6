import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.models import UnansweredQuery


class Command(BaseCommand):
    help = (
        "Forgets the visitors' queries counted more than WAGTAILSEARCH_HITS_MAX_AGE days ago "
        "(Wagtail's daily hits and the unanswered queries); queries with a promotion are kept. Run daily."
    )

    def handle(self, *args, **options):
        days = getattr(settings, "WAGTAILSEARCH_HITS_MAX_AGE", 30)
        # The hits are counted per day in the site's time zone (search.promotions.record_query),
        # Wagtail's garbage_collect dates them in UTC: between midnight in Paris and in UTC it
        # would keep a day too many.
        QueryDailyHits.objects.filter(date__lt=timezone.localdate() - datetime.timedelta(days=days)).delete()
        Query.garbage_collect()
        UnansweredQuery.garbage_collect(days)
        self.stdout.write(self.style.SUCCESS(f"Recherches de plus de {days} jours oubliées."))
