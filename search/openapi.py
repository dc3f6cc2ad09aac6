"""The OpenAPI 3.1 description of the search API (``/api/search/openapi.json``), built from the
same constants the views check against, so the enums cannot drift from what is accepted.

Written in English, as the API's field names are: it is read by developers, not visitors.
"""

from django.conf import settings

from . import service
from .forms import MAX_PAGE

ERROR_RESPONSE = {
    "description": "A parameter is unknown, repeated or invalid; `parameter` names it.",
    "content": {
        "application/json": {
            "schema": {"$ref": "#/components/schemas/Error"},
            "example": {
                "error": "Valeur inconnue pour type : « proposals ». Valeurs acceptées : "
                + ", ".join(service.PAGE_TYPES)
                + ".",
                "parameter": "type",
            },
        }
    },
}
METHOD_NOT_ALLOWED = {
    "description": "Only GET and HEAD are answered (the `Allow` header says so).",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
CACHE_HEADERS = {
    "Cache-Control": {"description": "`public, max-age=60`", "schema": {"type": "string"}},
    "Access-Control-Allow-Origin": {"description": "`*`: any site's script may read it", "schema": {"type": "string"}},
}


def _slug_list(description, example):
    return {
        "in": "query",
        "required": False,
        "description": description
        + " Repeat the parameter or separate slugs with commas; pages matching any of them are kept.",
        "schema": {"type": "array", "items": {"type": "string", "pattern": "^[^,\\x00]+$"}},
        "style": "form",
        "explode": True,
        "example": example,
    }


def _parameters():
    languages = [code for code, _name in settings.LANGUAGES]
    lang = {
        "name": "lang",
        "in": "query",
        "required": False,
        "description": "Language of the pages searched; French pages not translated yet are included, "
        "with `locale` `fr`. Also the language of error messages.",
        "schema": {"type": "string", "enum": languages, "default": "fr"},
    }
    query = {
        "name": "q",
        "in": "query",
        "required": False,
        "description": "The words looked for. Control characters are dropped and the text is cut at 200 "
        "characters; syntax characters (quotes, brackets, `*`, `:`…) are read as spaces. A proposal is "
        "also found by its reference (`P-07`). Without a word, the answer is empty (`count` 0).",
        "schema": {"type": "string"},
        "example": "maison des associations",
    }
    search = [
        query,
        {
            "name": "type",
            "in": "query",
            "required": False,
            "description": "Only pages of these types. Repeat the parameter or separate types with commas.",
            "schema": {"type": "array", "items": {"type": "string", "enum": list(service.PAGE_TYPES)}},
            "style": "form",
            "explode": True,
            "example": ["proposal"],
        },
        {"name": "axis", **_slug_list("Only pages of these axes of the programme (slugs of the axis pages).",
                                      ["une-ville-rayonnante"])},
        {"name": "theme", **_slug_list("Only pages of these themes (slugs of the themes).",
                                       ["vie-associative"])},
        {"name": "quartier", **_slug_list("Only pages about these quartiers (slugs of the quartier pages).",
                                          ["planoise"])},
        {
            "name": "sort",
            "in": "query",
            "required": False,
            "description": "`relevance` (best match first) or `date` (last published first).",
            "schema": {"type": "string", "enum": list(service.SORTS), "default": "relevance"},
        },
        {
            "name": "page",
            "in": "query",
            "required": False,
            "description": f"Page of results ({service.RESULTS_PER_PAGE} a page), from 1. A page past the "
            "last one answers an empty `results` with the real `pages`.",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        },
        lang,
    ]
    suggest = [
        {
            **query,
            "description": "What was typed: titles with words starting with it are suggested; fewer than 2 "
            "letters or digits suggest nothing.",
            "example": "citad",
        },
        lang,
    ]
    return search, suggest


def _schemas():
    nullable_string = {"type": ["string", "null"]}
    counts = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}
    return {
        "Result": {
            "type": "object",
            "required": ["title", "url", "type", "excerpt", "locale", "reference", "last_published_at"],
            "additionalProperties": False,
            "properties": {
                "title": {"type": "string"},
                "url": {"type": "string", "pattern": "^/", "description": "Absolute path of the page."},
                "type": {"type": "string", "enum": list(service.PAGE_TYPES)},
                "excerpt": {
                    "type": "string",
                    "description": "HTML: escaped text, the matched words in `<mark>`.",
                },
                "locale": {
                    "type": "string",
                    "enum": [code for code, _name in settings.LANGUAGES],
                    "description": "Language of the page's content: `fr` in another language means not translated yet.",
                },
                "reference": {**nullable_string, "description": "A proposal's permanent reference (`P-07`)."},
                "last_published_at": {**nullable_string, "format": "date-time"},
            },
        },
        "SearchResponse": {
            "type": "object",
            "required": ["query", "count", "page", "pages", "results", "facets", "suggestion", "corrected"],
            "additionalProperties": False,
            "properties": {
                "query": {"type": "string", "description": "The query as it was read (cleaned)."},
                "count": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1},
                "pages": {"type": "integer", "minimum": 1},
                "results": {"type": "array", "items": {"$ref": "#/components/schemas/Result"}},
                "facets": {
                    "type": "object",
                    "description": "For each filter, value → number of results with it (among those matching "
                    "the query and the other filters).",
                    "required": list(service.FACETS),
                    "additionalProperties": False,
                    "properties": {name: counts for name in service.FACETS},
                },
                "suggestion": {**nullable_string, "description": "A corrected query, when a word looks misspelt."},
                "corrected": {
                    "type": "boolean",
                    "description": "True when the query found nothing and `results` are the suggestion's.",
                },
            },
        },
        "Suggestion": {
            "type": "object",
            "required": ["title", "url", "type"],
            "additionalProperties": False,
            "properties": {
                "title": {"type": "string"},
                "url": {"type": "string", "pattern": "^/"},
                "type": {"type": "string", "enum": list(service.PAGE_TYPES)},
            },
        },
        "SuggestResponse": {
            "type": "object",
            "required": ["query", "suggestions"],
            "additionalProperties": False,
            "properties": {
                "query": {"type": "string"},
                "suggestions": {"type": "array", "maxItems": 8, "items": {"$ref": "#/components/schemas/Suggestion"}},
            },
        },
        "Error": {
            "type": "object",
            "required": ["error", "parameter"],
            "additionalProperties": False,
            "properties": {
                "error": {"type": "string", "description": "What is wrong, in the language asked for."},
                "parameter": {**nullable_string, "description": "The parameter at fault (null for a method)."},
            },
        },
    }


def _operation(summary, description, parameters, schema, example):
    return {
        "summary": summary,
        "description": description,
        "parameters": parameters,
        "responses": {
            "200": {
                "description": "OK",
                "headers": CACHE_HEADERS,
                "content": {"application/json": {"schema": {"$ref": schema}, "example": example}},
            },
            "400": ERROR_RESPONSE,
            "405": METHOD_NOT_ALLOWED,
        },
    }


SEARCH_EXAMPLE = {
    "query": "maison des associations",
    "count": 1,
    "page": 1,
    "pages": 1,
    "results": [
        {
            "title": "Construire une nouvelle Maison des associations",
            "url": "/fr/programme/avec-et-pour-les-citoyens/maison-des-associations/",
            "type": "proposal",
            "excerpt": "Une nouvelle <mark>Maison</mark> des <mark>associations</mark> pour que les 1 400 "
            "<mark>associations</mark> de Besançon puissent grandir…",
            "locale": "fr",
            "reference": "P-07",
            "last_published_at": "2026-03-01T10:00:00+00:00",
        }
    ],
    "facets": {
        "type": {"proposal": 1},
        "axis": {"avec-et-pour-les-citoyens": 1},
        "theme": {"vie-associative": 1, "proximite-et-solidarite": 1},
        "quartier": {},
    },
    "suggestion": None,
    "corrected": False,
}
SUGGEST_EXAMPLE = {
    "query": "maison",
    "suggestions": [
        {
            "title": "Construire une nouvelle Maison des associations",
            "url": "/fr/programme/avec-et-pour-les-citoyens/maison-des-associations/",
            "type": "proposal",
        }
    ],
}


def openapi_document():
    """The OpenAPI document, as a dict ready for JSON."""
    search, suggest = _parameters()
    get_search = _operation(
        "Search the site",
        "Live public pages of the language matching `q`, ten a page, with the count of each filter's values.",
        search,
        "#/components/schemas/SearchResponse",
        SEARCH_EXAMPLE,
    )
    get_suggest = _operation(
        "Titles for autocompletion",
        "At most 8 live public pages whose title has words starting with `q`.",
        suggest,
        "#/components/schemas/SuggestResponse",
        SUGGEST_EXAMPLE,
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Nous sommes tous Besançon: search API",
            "version": "1",
            "description": "Read-only search of the site's public pages (programme, quartiers, culture, news). "
            "Unknown, repeated or invalid parameters are answered 400 naming the parameter.",
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/search/": {"get": {**get_search, "operationId": "search"}},
            "/api/search/suggest/": {"get": {**get_suggest, "operationId": "suggest"}},
        },
        "components": {"schemas": _schemas()},
    }
