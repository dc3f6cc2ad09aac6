"""The search API, under /api/search/ (outside the language prefixes: ``lang`` says the language)."""

from django.urls import path

from . import api

app_name = "search_api"
urlpatterns = [
    path("", api.search_api, name="search"),
    path("suggest/", api.suggest_api, name="suggest"),
    path("openapi.json", api.openapi_api, name="openapi"),
]
