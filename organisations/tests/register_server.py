"""A stand-in for Brønnøysundregistrene's open API on 127.0.0.1, answering in the register's
real JSON shapes (entity, 404, 410, Frivillighetsregisteret record, change-feed pages)."""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def entity(number: str, **overrides) -> dict:
    """An Enhetsregisteret entity as GET /enhetsregisteret/api/enheter/{orgnr} returns it."""
    data = {
        "organisasjonsnummer": number,
        "navn": "FJORDVIK SANITETSFORENING",
        "organisasjonsform": {"kode": "FLI", "beskrivelse": "Forening/lag/innretning"},
        "hjemmeside": "www.sanitet.example",
        "epostadresse": "post@sanitet.example",
        "telefon": "75 00 00 00",
        "mobil": "900 00 000",
        "postadresse": {
            "land": "Norge",
            "landkode": "NO",
            "postnummer": "8501",
            "poststed": "FJORDVIK",
            "adresse": ["Postboks 12"],
            "kommune": "FJORDVIK",
            "kommunenummer": "1804",
        },
        "forretningsadresse": {
            "land": "Norge",
            "landkode": "NO",
            "postnummer": "8500",
            "poststed": "FJORDVIK",
            "adresse": ["Storgata 1", "2. etasje"],
            "kommune": "FJORDVIK",
            "kommunenummer": "1804",
        },
        "naeringskode1": {"kode": "94.991", "beskrivelse": "Aktiviteter i andre interesseorg."},
        "stiftelsesdato": "1925-03-01",
        "registrertIFrivillighetsregisteret": True,
        "registreringsdatoFrivillighetsregisteret": "2009-01-15",
        "konkurs": False,
        "underAvvikling": False,
        "underTvangsavviklingEllerTvangsopplosning": False,
        "vedtektsfestetFormaal": ["Arbeide for helse og trivsel i lokalsamfunnet."],
        "aktivitet": ["Besøkstjeneste", "trivselstiltak"],
        "maalform": "Bokmål",
        "_links": {
            "self": {"href": f"https://data.brreg.no/enhetsregisteret/api/enheter/{number}"}
        },
    }
    data.update(overrides)
    return data


def voluntary(number: str) -> dict:
    """A Frivillighetsregisteret record (it has no name: join with Enhetsregisteret)."""
    return {
        "organisasjonsnummer": number,
        "icnpoKategorier": [
            {"kategori": "3", "icnpoNummer": "3 100", "navn": "Helse", "rekkefoelge": 1}
        ],
        "grasrotandel": True,
        "frivilligOrganisasjonsstatus": "Registrert",
    }


class RegisterServer:
    """Answers from `routes` (path -> (status, JSON)); counts the requests it was sent."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict]] = {}
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                server.requests.append(self.path)
                parts = urllib.parse.urlsplit(self.path)
                key = parts.path
                if parts.query:
                    params = dict(urllib.parse.parse_qsl(parts.query))
                    page = params.get("page")
                    if page and f"{key}?page={page}" in server.routes:
                        key = f"{key}?page={page}"
                status, body = server.routes.get(key, (404, {"status": 404}))
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            # shutdown() waits for the loop's next poll: 0.5 s by default, per test.
            target=self.httpd.serve_forever,
            kwargs={"poll_interval": 0.01},
            daemon=True,
        )
        self.thread.start()

    def add_entity(self, number: str, **overrides) -> None:
        self.routes[f"/enhetsregisteret/api/enheter/{number}"] = (200, entity(number, **overrides))
        self.routes[f"/frivillighetsregisteret/api/frivillige-organisasjoner/{number}"] = (
            200,
            voluntary(number),
        )

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
