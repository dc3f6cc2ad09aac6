"""What every public form of the site adds to the fields its page defines.

- A honeypot: a field people never see (``hidden``, out of the accessibility tree, out of the
  tab order) whose label says to leave it empty. A robot that fills every field gets the form
  refused, nothing stored; the field is then shown, with its error, so a person whose browser
  filled it can empty it.
- Length limits that say what they are: a multi-line text is at most ``MULTILINE_MAX_LENGTH``
  characters, a line the ``max_length`` its field has (Wagtail's 255), and the message names it.
- An optional choice list starts with an empty choice, so nothing is chosen for the visitor.
- No more submitted fields than the form has (the site accepts up to 10,000 in one request for
  the Wagtail editor: ``DATA_UPLOAD_MAX_NUMBER_FIELDS``).
"""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

MULTILINE_MAX_LENGTH = 5000
#: Fields a post may carry besides the form's own: the CSRF token.
EXTRA_FIELDS = 1

TOO_LONG = _("Ce texte ne doit pas dépasser %(limit_value)d caractères (il en compte %(show_value)d).")


class PublicFormMixin:
    """Mixed before a form class: the honeypot, the length limits, the number of fields."""

    honeypot_name = "site_web"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field) is forms.ChoiceField and not field.required and "" not in dict(field.choices):
                # An optional list starts empty: otherwise its first choice is sent unseen.
                field.choices = [("", _("— Choisir —")), *field.choices]
            if not isinstance(field, forms.CharField):
                continue
            if field.max_length is None and isinstance(field.widget, forms.Textarea):
                field.max_length = MULTILINE_MAX_LENGTH
                field.validators.append(MaxLengthValidator(MULTILINE_MAX_LENGTH))
                field.widget.attrs["maxlength"] = str(MULTILINE_MAX_LENGTH)
            if field.max_length is not None:
                field.error_messages["max_length"] = TOO_LONG
        self.fields[self.honeypot_name] = forms.CharField(
            label=_("Laissez ce champ vide : il sert à repérer les envois automatiques."),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.pop(self.honeypot_name, ""):  # never stored nor mailed with the answers
            self.add_error(self.honeypot_name, _("Ce champ doit rester vide : videz-le, puis envoyez de nouveau."))
        limit = len(self.fields) + EXTRA_FIELDS
        if self.is_bound and len(self.data) > limit:
            raise forms.ValidationError(
                _("L’envoi contient %(count)d champs ; ce formulaire en accepte au plus %(limit)d."),
                params={"count": len(self.data), "limit": limit},
            )
        return cleaned_data
