"""Stand-ins for LibreTranslate's and DeepL's HTTP APIs, on 127.0.0.1, for the tests.

Each answers the request format of the real API (checked: a request in another format gets the
real API's 400 or 403) and "translates" by writing the text between the tags in capitals, so a
test sees exactly which words were sent as text and which were protected. ``behaviour`` makes it
fail the way real services do: too slow, an HTTP error, an answer that is not the API's, or
placeholders dropped.
"""

import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

_TAGS = re.compile(r"(<[^>]*>)")
SLOW_SECONDS = 2


def capitals(html):
    """The text outside the tags in capitals, the tags as they are."""
    return "".join(part if index % 2 else part.upper() for index, part in enumerate(_TAGS.split(html)))


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that gave up on a slow answer closes the socket: not worth a traceback."""


class StubService:
    """One service on a free port of 127.0.0.1; ``received`` lists the requests it got."""

    def __init__(self, key):
        self.key = key
        self.behaviour = "translate"
        self.received = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                request = {"path": self.path, "headers": dict(self.headers), "body": body.decode()}
                stub.received.append(request)
                status, answer = stub.answer(request)
                if stub.behaviour == "slow":
                    time.sleep(SLOW_SECONDS)
                data = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass

            def log_message(self, format, *args):
                pass

        self._server = _Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._server.shutdown()
        self._server.server_close()

    def answer(self, request):
        if isinstance(self.behaviour, int):
            return self.behaviour, {"message": "stub error"}
        if self.behaviour == "malformed":
            return 200, b"<html><body>Bad gateway</body></html>"
        return self.translate(request)

    def translated(self, text):
        translated = capitals(text)
        if self.behaviour == "drop-placeholders":
            translated = re.sub(r"<x\b[^>]*>(</x>)?", "", translated)
        return translated


class LibreTranslateStub(StubService):
    """``POST /translate`` with a JSON body: q (a list here), source, target, format, api_key."""

    name = "LibreTranslate"

    def translate(self, request):
        if request["path"] != "/translate":
            return 404, {"error": "Not Found"}
        payload = json.loads(request["body"])
        if self.key and payload.get("api_key") != self.key:
            return 403, {"error": "Invalid API key"}
        if not isinstance(payload.get("q"), list) or payload.get("format") != "html":
            return 400, {"error": "Invalid request"}
        if not payload.get("source") or not payload.get("target"):
            return 400, {"error": "Invalid request: missing source or target"}
        # LibreTranslate's HTML mode parses and writes the string again: an empty element comes
        # back opened and closed.
        texts = [re.sub(r"<x ([^>]*)/>", r"<x \1></x>", self.translated(text)) for text in payload["q"]]
        return 200, {"translatedText": texts}


class DeepLStub(StubService):
    """``POST /v2/translate``, form-encoded, ``Authorization: DeepL-Auth-Key …``: text (repeated),
    source_lang, target_lang, tag_handling."""

    name = "DeepL"

    def translate(self, request):
        if request["path"] != "/v2/translate":
            return 404, {"message": "Not Found"}
        if request["headers"].get("Authorization") != f"DeepL-Auth-Key {self.key}":
            return 403, {"message": "Wrong endpoint or key"}
        form = parse_qs(request["body"])
        if not form.get("text") or not form.get("target_lang"):
            return 400, {"message": "Parameter 'text' or 'target_lang' not specified."}
        source = form.get("source_lang", ["FR"])[0]
        return 200, {
            "translations": [
                {"detected_source_language": source, "text": self.translated(text)} for text in form["text"]
            ]
        }


def refused_url():
    """The address of a port of 127.0.0.1 nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
