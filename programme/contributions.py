"""The contribution form of an open question: sent, stored « à relire », shown once approved.

The same protections as the question form (``home.ContactPage``): the honeypot and length
limits of ``home.forms.PublicFormMixin``, ``THROTTLE_RATES["public_form"]`` posts per client
(429, the text kept), 400 with the errors next to each field. A stored contribution redirects
to the question with a thank-you note (post/redirect/get: reloading sends nothing twice).
"""

from django import forms
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from home.cache import cached
from home.forms import PublicFormMixin
from home.throttling import RateLimit, retry_context, too_many_requests
from quartiers.models import QuartierPage

from .models import QuestionContribution

#: The query string of the page shown after a contribution is stored.
THANKS = "contribution=merci"


class ContributionForm(PublicFormMixin, forms.ModelForm):
    quartier = forms.ModelChoiceField(
        queryset=QuartierPage.objects.none(),
        required=False,
        label=_("Votre quartier"),
        empty_label=_("— Choisir —"),
    )
    consent = forms.BooleanField(
        required=True,
        label=_(
            "J’accepte que ma contribution soit publiée sur cette page, avec le nom et le quartier "
            "indiqués, après relecture par l’équipe."
        ),
        error_messages={"required": _("Cochez cette case pour que nous puissions publier votre contribution.")},
    )

    class Meta:
        model = QuestionContribution
        fields = ["author_name", "quartier", "message", "consent"]
        labels = {"author_name": _("Votre nom ou un pseudonyme"), "message": _("Votre contribution")}
        help_texts = {"author_name": _("Il sera publié avec votre contribution.")}
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        field = self.fields["quartier"]
        field.queryset = QuartierPage.objects.live().public().filter(locale_id=question.locale_id).order_by("path")
        # The choices shown from the cache (the queryset still checks a value sent).
        quartiers = cached(
            "contribution-quartiers", lambda: [(q.pk, q.title) for q in field.queryset], question.locale_id
        )
        field.choices = [("", field.empty_label), *quartiers]


def contribution_form(question, data=None):
    return ContributionForm(data, question=question, auto_id="contribution_%s")


def serve_contribution(page, request):
    """Handle a POST to ``page`` (a ``QuestionPage``): store, or show the errors, or 429."""
    limit = RateLimit("public_form")
    form = contribution_form(page, request.POST)
    if retry_after := limit.retry_after(request):
        context = {**page.get_context(request), "contribution_form": form, **retry_context(retry_after)}
        return too_many_requests(TemplateResponse(request, page.get_template(request), context), retry_after)
    limit.hit(request)
    if form.is_valid():
        contribution = form.save(commit=False)
        contribution.question = page
        contribution.language_code = page.locale.language_code
        contribution.save()
        return HttpResponseRedirect(f"{page.get_url(request=request)}?{THANKS}#contribuer")
    context = {**page.get_context(request), "contribution_form": form}
    return TemplateResponse(request, page.get_template(request), context, status=400)
