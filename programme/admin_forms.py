"""The admin form of a proposal: a status change must say why."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

#: The status a page has before any follow-up is written (see ``ProposalStatus``).
INITIAL_STATUS = "under-study"


class ProposalPageForm(WagtailAdminPageForm):
    """Refuses a status change without a new justification; dates the change when the editor did not.

    The status shown to visitors is public: the justification is what tells them why it changed,
    so a change that keeps the previous status's justification (or none) is refused.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            # A form that does not send the status (an older client, a test) keeps the current one.
            self.fields["status"].required = False

    def clean(self):
        cleaned = super().clean()
        if "status" not in self.fields:
            return cleaned
        previous_status = self.instance.status if self.instance.pk else INITIAL_STATUS
        status = cleaned.get("status") or previous_status
        cleaned["status"] = status
        if status == previous_status:
            return cleaned
        justification = (cleaned.get("status_justification") or "").strip()
        previous_justification = (self.instance.status_justification or "").strip() if self.instance.pk else ""
        if not justification or justification == previous_justification:
            self.add_error(
                "status_justification",
                _(
                    "Le statut change : dites en une ou deux phrases pourquoi la proposition est désormais "
                    "« %(status)s ». Sans justification, le changement de statut n'est pas enregistré."
                )
                % {"status": dict(self.fields["status"].choices).get(status, status)},
            )
        if not cleaned.get("status_date") or cleaned.get("status_date") == self.instance.status_date:
            cleaned["status_date"] = timezone.localdate()
        return cleaned
