"""Which search backend, from the environment: settings-safe (imports no app code).

``ELASTICSEARCH_URL`` → Elasticsearch 9 (``ELASTICSEARCH_BACKEND=elasticsearch8`` for 8),
``OPENSEARCH_URL`` → OpenSearch 3, nothing → the database backend. With an engine, the database
backend stays configured too (alias ``database``): kept up to date on publish, it answers when the
engine is down (``search/engine.py``). See docs/search.md, « Elasticsearch and OpenSearch ».
"""

# The database backend: the default, and the engine's fallback. One line to change.
DATABASE_BACKEND = "search.backend"
FALLBACK_ALIAS = "database"
ENGINE_BACKENDS = {
    "elasticsearch9": "search.engine.Elasticsearch9Backend",
    "elasticsearch8": "search.engine.Elasticsearch8Backend",
    "opensearch3": "search.engine.OpenSearch3Backend",
}
DEFAULT_INDEX_PREFIX = "nstb"


def index_prefix(env):
    """``INDEX_PREFIX`` (``SEARCH_INDEX_PREFIX``, its older name, still read), lower case, with
    a ``_`` before Wagtail's own name (``nstb_wagtailcore_page``)."""
    prefix = (env.get("INDEX_PREFIX") or env.get("SEARCH_INDEX_PREFIX") or DEFAULT_INDEX_PREFIX).strip().lower()
    return prefix if prefix.endswith("_") else f"{prefix}_"


def engine_kind(env):
    """``elasticsearch9``, ``elasticsearch8``, ``opensearch3``, or None for the database backend.

    ``ELASTICSEARCH_BACKEND`` may name the version (``8``), our key, or Wagtail's dotted path."""
    if env.get("ELASTICSEARCH_URL"):
        choice = env.get("ELASTICSEARCH_BACKEND", "")
        return "elasticsearch8" if choice.rstrip("/").endswith("8") else "elasticsearch9"
    if env.get("OPENSEARCH_URL"):
        return "opensearch3"
    return None


def engine_backends(env):
    """``WAGTAILSEARCH_BACKENDS`` for the environment ``env`` (a mapping such as ``os.environ``)."""
    kind = engine_kind(env)
    if kind is None:
        return {"default": {"BACKEND": DATABASE_BACKEND}}
    url = env["OPENSEARCH_URL"] if kind == "opensearch3" else env["ELASTICSEARCH_URL"]
    return {
        "default": {
            "BACKEND": ENGINE_BACKENDS[kind],
            "URLS": [part.strip() for part in url.split(",") if part.strip()],
            "INDEX_PREFIX": index_prefix(env),
            "TIMEOUT": float(env.get("SEARCH_TIMEOUT", "4")),
            "CONNECT_TIMEOUT": float(env.get("SEARCH_CONNECT_TIMEOUT", "1")),
            "RETRY_AFTER": float(env.get("SEARCH_RETRY_AFTER", "30")),
            "FALLBACK": FALLBACK_ALIAS,
        },
        FALLBACK_ALIAS: {"BACKEND": DATABASE_BACKEND},
    }
