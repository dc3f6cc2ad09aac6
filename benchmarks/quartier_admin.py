"""Time of the admin's edit form of a quartier with its 54 portrait figures (Planoise).

Usage, from the root of the checkout to measure:
    .venv/bin/python benchmarks/quartier_admin.py [DEMO_DB]
DEMO_DB: a SQLite file holding the demo content (e.g. the tests' cached
``.pytest_cache/demo-db/demo-*.sqlite3``), copied first; without it a throw-away database is
migrated and loaded (minutes). Prints, best of 3 after one warm-up: the edit form's GET (its
size), the form posted back as « Publier » through the test client (what the server does when
the editor saves), and the number of SQL queries of each.
"""

import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))
tmp = tempfile.mkdtemp()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")
os.environ.pop("DATABASE_URL", None)
if len(sys.argv) > 1:
    shutil.copyfile(sys.argv[1], os.environ["SQLITE_PATH"])

import django  # noqa: E402

django.setup()

from bs4 import BeautifulSoup  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]


def form_data(html):
    """What the browser posts: every named field of the edit form with its current value."""
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.find_parent("template"):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", chosen.text) if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in ("submit", "button", "file"):
            data[name] = field.get("value", "")
    return data


def stream_data(block, value, prefix):
    """A StreamField's value as the browser's script posts it (Wagtail's form-data layout)."""
    from django import forms
    from wagtail import blocks

    data = {}
    if isinstance(block, (blocks.StreamBlock, blocks.ListBlock)):
        children = (
            [(child.block, child.block_type, child.value, child.id) for child in value]
            if isinstance(block, blocks.StreamBlock)
            else [(block.child_block, None, child.value, child.id) for child in value.bound_blocks]
        )
        data[f"{prefix}-count"] = len(children)
        for index, (child_block, block_type, child_value, child_id) in enumerate(children):
            if block_type:
                data[f"{prefix}-{index}-type"] = block_type
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = index
            data[f"{prefix}-{index}-id"] = child_id or ""
            data.update(stream_data(child_block, child_value, f"{prefix}-{index}-value"))
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            data.update(stream_data(child_block, value.get(name), f"{prefix}-{name}"))
    else:
        form_value = block.value_for_form(value)
        widget = block.field.widget
        if isinstance(widget, forms.CheckboxInput):
            if form_value:
                data[prefix] = "on"
        else:
            formatted = widget.format_value(form_value)
            data[prefix] = "" if formatted is None else formatted
    return data


def best_of(runs, action):
    """Best wall time and best CPU time (the machine is shared: CPU time is steadier)."""
    timings, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            result = action()
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return (min(timings), min(cpu)), len(queries), result


def main():
    if len(sys.argv) <= 1:
        from demo.loader import load_all

        call_command("migrate", verbosity=0)
        load_all()
    from quartiers.models import QuartierPage

    page = QuartierPage.objects.get(slug="planoise", locale__language_code="fr")
    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
    client = Client()
    client.force_login(user)
    url = f"/admin/pages/{page.pk}/edit/"
    client.get(url)  # warm-up
    get_time, get_queries, response = best_of(3, lambda: client.get(url))
    html = response.content.decode()
    data = form_data(html)
    for field in page._meta.get_fields():
        if field.__class__.__name__ == "StreamField":
            data.update(stream_data(field.stream_block, getattr(page, field.name), field.name))
    data["action-publish"] = "action-publish"
    figures = int(data["indicators-TOTAL_FORMS"])
    client.post(url, data)  # warm-up
    post_time, post_queries, posted = best_of(3, lambda: client.post(url, data))
    page.refresh_from_db()
    errors = re.findall(r'class="error-message"[^>]*>\s*<span>([^<]+)', posted.content.decode())
    print(f"figures in the form: {figures}; indicators after saving: {page.indicators.count()}")
    print(
        f"GET edit form : {get_time[0] * 1000:6.0f} ms wall {get_time[1] * 1000:6.0f} ms CPU {get_queries:4} queries"
        f"  {len(html) / 1024:5.0f} KiB"
    )
    print(
        f"POST publish  : {post_time[0] * 1000:6.0f} ms wall {post_time[1] * 1000:6.0f} ms CPU {post_queries:4} queries"
        f"  status {posted.status_code}"
    )
    if os.environ.get("PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(client.post, url, data)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    if posted.status_code != 302:
        print("form errors:", errors[:5])


if __name__ == "__main__":
    main()
