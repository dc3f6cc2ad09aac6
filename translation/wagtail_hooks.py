"""Admin hooks of the translation app."""

# Registers its admin URLs (a workaround, see the module).
from . import workarounds  # noqa: F401
