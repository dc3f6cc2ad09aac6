"""The hypothesis profiles of the robustness tests are in tests/fuzzing.py (imported by them)."""
