from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Recherche")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Pages change the vocabulary's cache key themselves (search.suggest); themes do not.
        from programme.models import Theme

        from .suggest import forget_vocabulary

        post_save.connect(forget_vocabulary, sender=Theme, dispatch_uid="search-vocabulary-theme-saved")
        post_delete.connect(forget_vocabulary, sender=Theme, dispatch_uid="search-vocabulary-theme-deleted")
