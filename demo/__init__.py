"""The demo content: a framework that builds the whole site from data files kept in each app.

It names no app: ``manage.py load_demo_content`` finds the ``demo_content`` module of every
installed app (like Wagtail finds ``wagtail_hooks``) and calls its ``load(loader)`` in the order
of ``INSTALLED_APPS`` (the order of the dependencies), then its ``finish(loader)`` if it has one.
"""
