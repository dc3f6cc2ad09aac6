"""Autosave that never creates a page and never fails unseen (issue 15, item 5).

Wagtail 8 autosaves the page editor (``WAGTAIL_AUTOSAVE_INTERVAL``, 500 ms by default): on the
create view, its first background POST creates the page, so a draft exists (in the explorer, with
its slug taken) before the editor has saved; and a POST the form refuses (a half-filled inline row:
a milestone without its date, a figure without its value, a status change without its
justification yet) is answered 400 with « There are validation errors, click save to highlight
them », shown only in the tooltip of a small « Autosave is paused » icon.

Here:

* the create view's autosave is refused through Wagtail's own ``before_create_page`` hook (a JSON
  answer Wagtail passes on as it is): the page exists from the editor's first « Enregistrer le
  brouillon », and the message says so; after that save, the edit view autosaves as usual;
* the edit view's refusal names why, field by field and row by row (the one workaround of Wagtail:
  :func:`install` wraps ``EditView.form_invalid`` for autosave requests only);
* ``home/js/autosave_status.js`` shows that message in the page, above the form, until the next
  autosave succeeds (Wagtail keeps it in a tooltip).

Half-filled rows are not made valid: a row is saved with the page's draft (for a page never
published, in the database), so what autosave keeps must be what « Enregistrer le brouillon »
keeps. Delete :func:`install` once Wagtail's autosave error names the fields itself.
"""

import functools

from django import forms
from django.http import JsonResponse
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.views.pages.edit import EditView

NOT_CREATED_YET = gettext_lazy(
    "La page n'existe pas encore : cliquez sur « Enregistrer le brouillon » pour la créer. Ensuite, vos "
    "modifications seront enregistrées automatiquement."
)


def is_autosave(request):
    """Wagtail's autosave asks for JSON; the editor's own buttons ask for a page (``expects_json_response``)."""
    return request.method == "POST" and not request.accepts("text/html")


@hooks.register("before_create_page")
def no_page_before_the_editor_saves(request, parent_page, page_class):
    if is_autosave(request):
        return JsonResponse(
            {"success": False, "error_code": "validation_error", "error_message": str(NOT_CREATED_YET)},
            status=400,
        )
    return None


@hooks.register("insert_editor_js")
def autosave_status_script():
    return format_html('<script src="{}" defer></script>', static("home/js/autosave_status.js"))


def _field_errors(form):
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for error in errors:
            yield f"{label} : {error}" if label and name != forms.forms.NON_FIELD_ERRORS else error


def describe_errors(form):
    """Every error of the page form and its inline rows, « Étapes, ligne 2 — Date prévue : … »."""
    parts = list(_field_errors(form))
    for formset in form.formsets.values():
        rows = formset.model._meta.verbose_name_plural
        rows = rows[:1].upper() + rows[1:]
        for error in formset.non_form_errors():
            parts.append(f"{rows} : {error}")
        for number, row in enumerate(formset.forms, start=1):
            if row.errors:
                where = _("%(rows)s, ligne %(number)s") % {"rows": rows, "number": number}
                parts.extend(f"{where} — {error}" for error in _field_errors(row))
    return " ; ".join(parts)


def _naming_form_invalid(form_invalid):
    @functools.wraps(form_invalid)
    def wrapper(self, form):
        if self.expects_json_response and not self.is_cancelling_workflow and not self.locked_for_user:
            message = _("Enregistrement automatique impossible : %(errors)s") % {"errors": describe_errors(form)}
            return self.json_error_response("validation_error", message)
        return form_invalid(self, form)

    wrapper.names_autosave_errors = True
    return wrapper


def install():
    """Wraps the page edit view's ``form_invalid`` once (called by ``HomeConfig.ready``)."""
    if not getattr(EditView.form_invalid, "names_autosave_errors", False):
        EditView.form_invalid = _naming_form_invalid(EditView.form_invalid)
