from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from home.site_address import apply_to, configured_address, is_public


class Command(BaseCommand):
    help = (
        "Gives the default Wagtail Site the public address of WAGTAILADMIN_BASE_URL (canonical URLs, feeds, sitemap)."
    )

    def handle(self, *args, **options):
        hostname, port = configured_address()
        if not is_public(hostname):
            raise CommandError(f"WAGTAILADMIN_BASE_URL names no public host ({hostname or 'none'}): nothing to do.")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default Site yet: load the content first.")
        if apply_to(site):
            site.save()
        self.stdout.write(f"Site: {site.hostname}:{site.port}")
