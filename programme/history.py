"""The public history of a proposal: its published versions and a word-level diff between two.

A version is a revision that was published: Wagtail logs each publication (``wagtail.publish``,
or ``wagtail.publish.scheduled`` for a scheduled one) with the revision it made live. Drafts,
revisions submitted for review but refused, and revisions scheduled but not yet live never have
such an entry, so they never appear here. The revision currently live is always included, even
for a page published without a log entry (e.g. created directly in a data migration).

Old revisions must be kept for the history to stay complete: do not run Wagtail's
``purge_revisions`` on this site (see docs/open-data.md).

URL: ``<proposal>/historique/?de=1&a=3`` compares version 1 with version 3; without parameters,
the last version is compared with the one before it.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry

from culture.models import CulturalPlacePage
from home.localization import translations_by_key
from quartiers.models import QuartierPage

from .diff import WordDiff
from .models import ProposalPage, ProposalStatus, Theme

PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


@dataclass
class Version:
    number: int
    published_at: object
    revision_id: int
    title: str
    summary: str
    body: list
    flagship: bool
    relations: dict  # label → list of names
    status: str = "under-study"
    status_date: object = None
    status_justification: str = ""
    changes: list = field(default_factory=list)

    @property
    def status_label(self):
        return status_label(self.status)


def body_paragraphs(body):
    """The plain text of a StreamField value, one string per block."""
    paragraphs = []
    for block in body or []:
        try:
            texts = block.block.get_searchable_content(block.value)
        except Exception:  # a block whose definition changed since: its text is unknown
            texts = []
        text = " ".join(str(t) for t in texts if t).strip()
        if text:
            paragraphs.append(text)
    return paragraphs


def published_revisions(page):
    """``(published_at, revision)`` of each published version of ``page``, oldest first."""
    entries = (
        PageLogEntry.objects.filter(page_id=page.pk, action__in=PUBLISH_ACTIONS, revision__isnull=False)
        .select_related("revision")
        .order_by("timestamp", "pk")
    )
    result, seen = [], set()
    for entry in entries:
        if entry.revision_id in seen:
            continue
        seen.add(entry.revision_id)
        result.append((entry.timestamp, entry.revision))
    if page.live_revision_id and page.live_revision_id not in seen:
        result.append((page.last_published_at or page.live_revision.created_at, page.live_revision))
        result.sort(key=lambda item: item[0])
    return result


RELATIONS = (
    # label, relation name on the page, attribute on the relation row holding the target id
    ("themes", "theme_links", "theme_id"),
    ("quartiers", "quartier_links", "quartier_id"),
    ("places", "place_links", "place_id"),
    ("related", "related_links", "target_id"),
)


def _relation_names(objects, page):
    """Map (relation label, object id) → display name, in the page's language; few queries.

    Only what is public has a name: a related page that is not live, expired, or restricted
    (to logged-in users, by password, or under a restricted section) is left out of every
    version, so the public history never names it.
    """
    models = {
        "themes": Theme.objects.filter(live=True),
        "quartiers": QuartierPage.objects.live().public(),
        "places": CulturalPlacePage.objects.live().public(),
        "related": ProposalPage.objects.live().public(),
    }
    ids = {label: set() for label in models}
    for obj in objects:
        for label, relation, attribute in RELATIONS:
            ids[label].update(getattr(row, attribute) for row in getattr(obj, relation).all())
    names = {}
    for label, shown_objects in models.items():
        if not ids[label]:
            continue
        found = shown_objects.in_bulk(ids[label])
        localized = translations_by_key(shown_objects, page.locale, {obj.translation_key for obj in found.values()})
        for pk, obj in found.items():
            shown = localized.get(obj.translation_key, obj)
            names[(label, pk)] = str(getattr(shown, "name", None) or shown)
    return names


def versions_of(page):
    """Every published version of a proposal, numbered from 1, with what each one changed."""
    published = published_revisions(page)
    objects = [page.with_content_json(revision.content) for _when, revision in published]
    names = _relation_names(objects, page)
    versions = []
    for number, ((published_at, revision), obj) in enumerate(zip(published, objects, strict=True), start=1):
        relations = {}
        for label, relation, attribute in RELATIONS:
            relations[label] = [
                names[(label, getattr(row, attribute))]
                for row in getattr(obj, relation).all()
                if (label, getattr(row, attribute)) in names
            ]
        versions.append(
            Version(
                number=number,
                published_at=published_at,
                revision_id=revision.pk,
                title=obj.title,
                summary=obj.summary or "",
                body=body_paragraphs(obj.body),
                flagship=bool(obj.flagship),
                relations=relations,
                status=obj.status or ProposalStatus.UNDER_STUDY,
                status_date=obj.status_date,
                status_justification=obj.status_justification or "",
            )
        )
    for previous, version in zip(versions, versions[1:], strict=False):
        version.changes = Comparison(previous, version).summary_of_changes()
    if versions:
        versions[0].changes = [_("première publication")]
    return versions


def status_label(value):
    """The label of a status value; a value no longer in the list is shown as it is."""
    return str(dict(ProposalStatus.choices).get(value, value))


RELATION_LABELS = {
    "themes": lambda: _("thèmes"),
    "quartiers": lambda: _("quartiers concernés"),
    "places": lambda: _("lieux culturels concernés"),
    "related": lambda: _("propositions liées"),
}


class Comparison:
    """Two versions side by side: word diffs of the texts, additions and removals in lists."""

    def __init__(self, old, new):
        self.old, self.new = old, new
        self.title = WordDiff([old.title], [new.title])
        self.summary = WordDiff([old.summary], [new.summary])
        self.body = WordDiff(old.body, new.body)
        self.flagship_changed = old.flagship != new.flagship
        self.status_changed = old.status != new.status
        self.relations = []
        for label in RELATION_LABELS:
            before, after = old.relations.get(label, []), new.relations.get(label, [])
            added = [name for name in after if name not in before]
            removed = [name for name in before if name not in after]
            if added or removed:
                self.relations.append({"label": RELATION_LABELS[label](), "added": added, "removed": removed})

    @property
    def has_changes(self):
        return bool(
            self.title.has_changes
            or self.summary.has_changes
            or self.body.has_changes
            or self.flagship_changed
            or self.status_changed
            or self.relations
        )

    def summary_of_changes(self):
        changes = []
        if self.status_changed:
            changes.append(_("statut : « %(status)s »") % {"status": self.new.status_label})
        for label, diff in ((_("titre"), self.title), (_("chapeau"), self.summary), (_("texte"), self.body)):
            if diff.has_changes:
                changes.append(
                    _("%(field)s (+%(added)s / −%(removed)s mots)")
                    % {"field": label, "added": diff.added_words, "removed": diff.removed_words}
                )
        if self.flagship_changed:
            changes.append(_("proposition phare") if self.new.flagship else _("n'est plus une proposition phare"))
        changes.extend(relation["label"] for relation in self.relations)
        return changes or [_("aucun changement visible (republication)")]


class HistoryParameterError(ValueError):
    pass


def _version_number(params, name, default, count):
    raw = params.get(name)
    if raw is None or str(raw).strip() == "":
        return default
    try:
        number = int(str(raw).strip())
    except ValueError:
        raise HistoryParameterError(
            _("« %(value)s » n'est pas un numéro de version.") % {"value": str(raw)[:50]}
        ) from None
    if not 1 <= number <= count:
        raise HistoryParameterError(
            _("La version %(number)s n'existe pas : cette proposition compte %(count)s version(s) publiée(s).")
            % {"number": number, "count": count}
        )
    return number


def history_response(page, request):
    versions = versions_of(page)
    count = len(versions)
    error, comparison, old_number, new_number = None, None, None, None
    try:
        new_number = _version_number(request.GET, "a", count or None, count)
        old_number = _version_number(request.GET, "de", (count - 1) or None, count)
    except HistoryParameterError as exc:
        error = str(exc)
    if error is None and old_number and new_number and old_number != new_number:
        comparison = Comparison(versions[old_number - 1], versions[new_number - 1])
    response = page.render(
        request,
        template="programme/proposal_history.html",
        context_overrides={
            "versions": list(reversed(versions)),
            "version_count": count,
            "comparison": comparison,
            "old_number": old_number,
            "new_number": new_number,
            "history_error": error,
            "version_numbers": range(1, count + 1),
            "canonical_url": page.get_full_url(request=request) + page.reverse_subpage("history"),
            "subpage_title": _("Historique des versions"),
        },
    )
    if error:
        response.status_code = 400
    return response
