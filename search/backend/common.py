"""What the SQLite and PostgreSQL backends share: the analysed indexer, the ranking."""

import functools
from collections import OrderedDict
from itertools import groupby, islice, repeat

from django.utils import translation
from modelsearch.conf import get_app_config
from modelsearch.index import SearchField
from modelsearch.query import PlainText
from modelsearch.utils import get_descendants_content_types_pks

from search.analysis import analyse, language_of, query_groups

TITLE_WEIGHT = 4.0
# The engine scores this many best candidates (most query words, then a query word in the title):
# twenty pages of results; the others rank by the number of query words found.
RANKED = 200
# At most this many matches are ranked (the most relevant first): more is noise for a reader.
MAX_MATCHES = 10_000
IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)


@functools.lru_cache(maxsize=16)
def _language_of_locale(locale_id):
    from wagtail.models import Locale

    code = Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()
    return language_of(code)


def object_language(obj):
    locale_id = getattr(obj, "locale_id", None)
    return _language_of_locale(locale_id) if locale_id else "fr"


class AnalysedFieldsMixin:
    """An indexer whose text fields are stored analysed, in the language of the object."""

    def prepare_field(self, obj, field):
        for item in super().prepare_field(obj, field):
            if isinstance(field, SearchField):
                *head, value = item
                text = analyse(value, object_language(self.obj))
                if self.REPEAT_BOOSTED and field.field_name != "title" and (field.boost or 1) > 1:
                    text = " ".join([text] * round(field.boost))
                yield (*head, text)
            else:
                yield item


def title_relevance(groups, title_terms):
    """How much the title is the query: (query words in the title — a synonym counting half
    of the word typed —, the title is exactly the query, the share of the title's words that the
    query names)."""
    in_title, named = 0, set()
    for group in groups:
        for rank, alternative in enumerate(group.alternatives):
            positions = [
                next((i for i, t in enumerate(title_terms) if t == term or (group.prefix and t.startswith(term))), None)
                for term in alternative
            ]
            if None not in positions:
                in_title += 1 if rank < group.literal else 0.5
                named.update(positions)
                break
    exact = in_title >= len(groups) and len(named) == len(title_terms)
    return in_title, exact, len(named) / len(title_terms) if title_terms else 0.0


def best_candidates(everything, words, title_ranks):
    """The ``RANKED`` matches that the engine scores: those with the most query words, then those
    with a query word in their title (the better title rank first), then in the index's order.

    Why not the engine's best scores: scoring every match reads every matching body (the cost of
    a frequent word), while the score only orders pages that have as many words and as good a
    title; on a small site every match is a candidate."""
    if len(everything) <= RANKED:
        return list(everything)
    # What ``sorted(everything, key=(words, title rank), reverse=True)[:RANKED]`` gives (a stable
    # sort: the index's order among equals), level by level of words found, with no Python step
    # per match: a frequent word has thousands of matches and a few levels.
    ordered = everything if words is None else sorted(everything, key=words.__getitem__, reverse=True)
    levels = [ordered] if words is None else (list(level) for _found, level in groupby(ordered, key=words.__getitem__))
    chosen = []
    for level in levels:
        titled = [entry_id for entry_id in level if entry_id in title_ranks]
        titled.sort(key=title_ranks.__getitem__, reverse=True)
        chosen.extend(titled[: RANKED - len(chosen)])
        chosen.extend(islice((entry_id for entry_id in level if entry_id not in title_ranks), RANKED - len(chosen)))
        if len(chosen) >= RANKED:
            break
    return chosen


def weighed_titles(in_title, candidates):
    """The title matches whose title is weighed: all of them, or the candidates' only when more
    than ``RANKED`` titles match."""
    if len(in_title) <= RANKED:
        return list(in_title)
    candidates = set(candidates)
    return [entry_id for entry_id in in_title if entry_id in candidates]


class RankedSearchMixin:
    """``search()`` for a plain-text query: the matches ranked in the engine, in Python order.

    Other queries (``MATCH_ALL``, phrases, ``Not``…) keep modelsearch's behaviour.
    """

    def _plain_text(self):
        if isinstance(self.query, PlainText) and not self.fields:
            return self.query.query_string
        return None

    @functools.cached_property
    def ranked_entries(self):
        """``[(index entry id, sort key)]`` of every match, best first; ``None`` for other queries.

        The engine scores the ``RANKED`` best candidates (by ``bm25`` / ``ts_rank``); their
        titles, and every matching title when there are no more than ``RANKED``, are weighed; the
        other matches follow by the number of query words they have.
        """
        query = self._plain_text()
        if query is None:
            return None
        groups = query_groups(query, translation.get_language() or "fr")
        if not groups:
            return []
        everything, words, scores, titles = self.collect(groups)
        if not everything:
            return []
        no_title = (0, False, 0.0)
        special = scores.keys() | titles.keys()

        def weigh(entry_id):
            title = titles.get(entry_id)
            relevance = title_relevance(groups, title.split()) if title else no_title
            return (words[entry_id] if words is not None else 1, *relevance, scores.get(entry_id, 0.0))

        # In the index's order (ties keep it). List comprehensions, not a step per match: a
        # frequent word has thousands of matches and a few hundred weighed.
        weighed = [(entry_id, weigh(entry_id)) for entry_id in everything if entry_id in special]
        others = [entry_id for entry_id in everything if entry_id not in special]
        weighed.sort(key=lambda item: item[1], reverse=True)
        if words is None:
            by_words = {1: others}
        else:
            others.sort(key=words.__getitem__, reverse=True)  # stable: the index's order in a level
            by_words = {found: list(ids) for found, ids in groupby(others, key=words.__getitem__)}
        ranking, position = [], 0
        for found in sorted({*by_words, *(key[0] for _entry, key in weighed)}, reverse=True):
            while position < len(weighed) and weighed[position][1][0] == found:
                ranking.append(weighed[position])
                position += 1
            # One key shared by the entries of a level.
            ranking.extend(zip(by_words.get(found, ()), repeat((found, 0, False, 0.0, 0.0))))
        return ranking[:MAX_MATCHES]

    @functools.cached_property
    def ranking(self):
        """``[(object_id, sort key)]`` of the matches of the queryset's model, best first."""
        entries = self.ranked_entries
        if entries is None:
            return None
        content_types = set(get_descendants_content_types_pks(self.queryset.model))
        objects = {}
        ids = [entry_id for entry_id, _key in entries]
        for start in range(0, len(ids), 5000):
            rows = IndexEntry.objects.filter(id__in=ids[start : start + 5000]).values_list(
                "id", "object_id", "content_type_id"
            )
            objects.update((entry_id, object_id) for entry_id, object_id, ct in rows if ct in content_types)
        return [(objects[entry_id], key) for entry_id, key in entries if entry_id in objects]

    def collect(self, groups):
        """``(every matching entry id, {entry id: query words it has} or None for one word,
        {entry id: the engine's score} of the ``best_candidates``, {entry id: analysed title}
        of the ``weighed_titles``)``."""
        # With several words, the pages that have each word are the matches (one scan less).
        words = self.words_found(groups) if len(groups) > 1 else None
        everything = list(words) if words is not None else self.all_matches(groups)
        if not everything:
            return [], words, {}, {}
        in_title = self.title_matches(groups)
        candidates = best_candidates(everything, words, dict.fromkeys(in_title, 0.0))
        titles = self.titles(weighed_titles(in_title, candidates))
        return everything, words, self.scores(groups, candidates), titles

    def matching_pks(self):
        """The primary keys of the queryset's objects that match, in rank order."""
        if "_matching_pks" not in self.__dict__:
            ranking = self.ranking
            pk_field = self.queryset.model._meta.pk
            ordered = OrderedDict((pk_field.to_python(object_id), key) for object_id, key in ranking)
            allowed = set()
            keys = list(ordered)
            for start in range(0, len(keys), 5000):
                chunk = keys[start : start + 5000]
                allowed.update(self.queryset.filter(pk__in=chunk).values_list("pk", flat=True))
            self.__dict__["_matching_pks"] = [(pk, key) for pk, key in ordered.items() if pk in allowed]
        return self.__dict__["_matching_pks"]

    def search(self, config, start, stop, score_field=None, **kwargs):
        if self.ranking is None:
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        matching = self.matching_pks()
        if not self.order_by_relevance:
            queryset = self.queryset.filter(pk__in=[pk for pk, _key in matching])
            if not queryset.query.order_by:
                queryset = queryset.order_by("-pk")
            return list(queryset[start:stop])
        window = matching[start:stop]
        objects = self.queryset.in_bulk([pk for pk, _key in window])
        results = []
        for pk, key in window:
            if pk in objects:
                if score_field:
                    setattr(objects[pk], score_field, key[-1])
                results.append(objects[pk])
        return results

    def count(self):
        if self.ranking is None:
            return None
        return len(self.matching_pks())


class RankedResultsMixin:
    def _do_count(self):
        # The autocomplete compilers (the admin's choosers) are modelsearch's own: no ranking count.
        count = getattr(self.query_compiler, "count", lambda: None)()
        return super()._do_count() if count is None else count
