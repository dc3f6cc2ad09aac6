"""The shipped gunicorn configuration matches the nginx one in front of it."""

import re
import runpy
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def test_gunicorn_uses_sync_workers_with_nginx_s_timeout(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert (config["worker_class"], config["workers"], config["timeout"]) == ("sync", 3, 30)
    assert config["bind"] == "127.0.0.1:8000"
    nginx = (DEPLOY / "nginx.conf").read_text()
    assert re.search(r"proxy_read_timeout\s+30s;", nginx)
    assert re.search(r"server 127\.0\.0\.1:8000\b", nginx)


def test_nginx_buffers_slow_clients_and_bounds_bodies():
    nginx = (DEPLOY / "nginx.conf").read_text()
    for directive in ("proxy_buffering on;", "proxy_request_buffering on;", "client_body_timeout 15s;",
                      "client_max_body_size 12m;", "gzip on;"):
        assert directive in nginx
