from django.core.management.base import BaseCommand, CommandError
from modelsearch.backends import get_search_backend
from wagtail.search.backends import get_search_backends_with_name

from search import pending
from search.engine import NeverDownBackend


class Command(BaseCommand):
    help = (
        "Sends the search engine the index updates it missed while it was down (they are also "
        "replayed at its next successful contact, and emptied by update_index)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--backend", dest="backend_name", default=None, help="the engine's alias")

    def handle(self, *args, backend_name=None, **options):
        if backend_name:
            backends = [(backend_name, get_search_backend(backend_name))]
        else:
            backends = list(get_search_backends_with_name())
        engines = [(name, backend) for name, backend in backends if isinstance(backend, NeverDownBackend)]
        if not engines:
            count = pending.pending_count()
            pending.forget_all()
            self.stdout.write(f"Aucun moteur de recherche configuré : {count} mises à jour en attente oubliées.")
            return
        for name, backend in engines:
            try:
                done = backend.replay_pending()
            except backend.engine_errors as error:
                raise CommandError(f"{name} : le moteur ne répond pas ({error}) ; "
                                   f"{pending.pending_count()} mises à jour restent en attente.") from error
            self.stdout.write(f"{name} : {done} mises à jour rejouées.")
