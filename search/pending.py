"""The objects a down search engine missed, kept in the database and sent again once it answers.

Without this queue, a page published during an outage stays out of the engine's index (or a
deleted one stays in it) until someone runs ``update_index``. ``search.engine`` queues each
object whose indexing failed or was skipped, and replays the queue at its next successful
contact with the engine; ``manage.py replay_index_updates`` replays it by hand, and
``update_index`` (which indexes everything) empties it.
"""

import logging
import threading

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError
from modelsearch.index import class_is_indexed, get_indexed_instance

logger = logging.getLogger(__name__)

# Whether this process may have queued updates: unknown (True) when it starts, so that the queue
# left by another process is replayed at this one's first successful contact with the engine.
_state = {"maybe_pending": True}
_replaying = threading.local()


def forget_state():
    """This process knows nothing of the queue (tests; a new process)."""
    _state["maybe_pending"] = True


def queue(objects):
    """Remember ``objects`` for the engine (an object queued twice is one row)."""
    from search.models import PendingIndexUpdate

    rows = []
    for obj in objects:
        if obj is None or obj.pk is None:
            continue
        content_type = ContentType.objects.get_for_model(type(obj), for_concrete_model=False)
        rows.append(PendingIndexUpdate(content_type=content_type, object_id=str(obj.pk)))
    if not rows:
        return 0
    try:
        PendingIndexUpdate.objects.bulk_create(rows, ignore_conflicts=True)
    except DatabaseError as error:  # the database is down too: nothing more can be done
        logger.warning("Search engine: %s index updates could not be queued (%s)", len(rows), error)
        return 0
    _state["maybe_pending"] = True
    return len(rows)


def pending_count():
    from search.models import PendingIndexUpdate

    return PendingIndexUpdate.objects.count()


def last_queued():
    """The id of the last row queued (0 for none)."""
    from search.models import PendingIndexUpdate

    return PendingIndexUpdate.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def forget_all(up_to=None):
    """Everything was indexed again (``update_index``): what was queued (up to row ``up_to``)
    is no longer pending."""
    from search.models import PendingIndexUpdate

    rows = PendingIndexUpdate.objects.all()
    if up_to is not None:
        rows = rows.filter(pk__lte=up_to)
    rows.delete()
    _state["maybe_pending"] = PendingIndexUpdate.objects.exists()


def _grouped(rows):
    """{model: [row, …]} for the rows whose model still exists."""
    groups = {}
    for row in rows:
        model = row.content_type.model_class()
        if model is None or not class_is_indexed(model):
            groups.setdefault(None, []).append(row)
        else:
            groups.setdefault(model, []).append(row)
    return groups


def replay(backend, add_bulk, delete, batch_size=200):
    """Send the queued objects to ``backend`` through ``add_bulk(model, objects)`` and
    ``delete(obj)`` (the unguarded methods: an engine error propagates and stops the replay,
    the rest staying queued). Returns the number of rows done."""
    from search.models import PendingIndexUpdate

    if getattr(_replaying, "active", False):
        return 0
    _replaying.active = True
    done = 0
    try:
        while True:
            rows = list(PendingIndexUpdate.objects.select_related("content_type").order_by("pk")[:batch_size])
            if not rows:
                break
            for model, group in _grouped(rows).items():
                if model is not None:
                    _replay_model(model, group, add_bulk, delete)
                PendingIndexUpdate.objects.filter(pk__in=[row.pk for row in group]).delete()
                done += len(group)
        _state["maybe_pending"] = False
    finally:
        _replaying.active = False
    if done:
        logger.warning("Search engine %s: %s index updates made during its outage replayed", backend, done)
    return done


def _replay_model(model, rows, add_bulk, delete):
    ids = {row.object_id for row in rows}
    existing = {str(obj.pk): obj for obj in model._default_manager.filter(pk__in=ids)}
    indexed = {}
    for object_id in ids:
        obj = existing.get(object_id)
        instance = get_indexed_instance(obj) if obj is not None else None
        if instance is None:
            # Gone, or no longer indexed: removed from the engine's index.
            stub = obj if obj is not None else model(pk=model._meta.pk.to_python(object_id))
            delete(stub)
        else:
            indexed.setdefault(type(instance), []).append(instance)
    for indexed_model, objects in indexed.items():
        add_bulk(indexed_model, objects)


def maybe_pending():
    return _state["maybe_pending"]
