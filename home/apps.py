from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site commun")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import site_address  # noqa: F401 (registers the deployment check)
