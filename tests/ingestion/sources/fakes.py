"""Replays of the two source APIs, built on payloads of the real shape (written for these tests).

Each fake answers like the real service does (France Travail: token, range paging
with 206/200/204, 400 past the range cap, detail 404; Adzuna: pages and count),
over a list of offers that the tests choose. The same `handle()` serves the
`responses` mocks and a real local HTTP server, so both paths test one behaviour.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

FT_TOKEN_URL = "https://ft.example/connexion/oauth2/access_token?realm=/partenaire"
FT_API_URL = "https://ft.example/partenaire/offresdemploi/v2"
ADZUNA_API_URL = "https://adzuna.example/v1/api/jobs/fr"
NOW = datetime(2026, 11, 23, 6, 0, 0, tzinfo=UTC)


class FakeClock:
    """Monotonic and wall time that move only when the code sleeps (or the test says so)."""

    def __init__(self, now: datetime = NOW) -> None:
        self._start = now
        self._elapsed = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return 1000.0 + self._elapsed

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self._elapsed += seconds

    def now(self) -> datetime:
        return self._start + timedelta(seconds=self._elapsed)

    def advance(self, seconds: float) -> None:
        self._elapsed += seconds


@dataclass
class Reply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    # Announce the full body but send only half of it, then close (real server only).
    cut_transfer: bool = False
    # Raise this instead of answering (a connection error, a timeout), `responses` only.
    error: Exception | None = None


def json_reply(status: int, body: Any, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(body).encode())


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    form: dict[str, str]
    at: float  # the fake clock's monotonic time


def ft_offer(
    offer_id: str,
    *,
    departement: str = "34",
    created: datetime = NOW - timedelta(hours=1),
    title: str = "Boulanger / Boulangère (H/F)",
    rome_code: str = "D1102",
    **overrides: Any,
) -> dict[str, Any]:
    """A France Travail offer in the API's shape (`departement=""` places it in France as a whole)."""
    stamp = created.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    place = (
        {
            "libelle": f"{departement} - MONTPELLIER",
            "latitude": 43.61,
            "longitude": 3.87,
            "codePostal": f"{departement}000",
            "commune": f"{departement}172",
        }
        if departement
        else {"libelle": "France"}
    )
    offer = {
        "id": offer_id,
        "intitule": title,
        "description": "Vous préparez les pains et viennoiseries de la boutique.\nHoraires : 5h - 12h.",
        "dateCreation": stamp,
        "dateActualisation": stamp,
        "lieuTravail": place,
        "romeCode": rome_code,
        "romeLibelle": "Boulanger / Boulangère",
        "appellationlibelle": "Boulanger / Boulangère",
        "entreprise": {"nom": "BOULANGERIE DU MARCHE", "entrepriseAdaptee": False},
        "typeContrat": "CDI",
        "typeContratLibelle": "Contrat à durée indéterminée",
        "natureContrat": "Contrat travail",
        "experienceExige": "E",
        "experienceLibelle": "2 An(s)",
        "competences": [{"code": "101738", "libelle": "Façonner les pâtons", "exigence": "S"}],
        "qualitesProfessionnelles": [{"libelle": "Travail en équipe", "description": "Capacité à coopérer."}],
        "salaire": {"libelle": "Mensuel de 1900.0 Euros sur 12 mois"},
        "dureeTravailLibelle": "35H Horaires normaux",
        "dureeTravailLibelleConverti": "Temps plein",
        "alternance": False,
        "contact": {"nom": "BOULANGERIE DU MARCHE - M. Martin"},
        "agence": {},
        "nombrePostes": 1,
        "accessibleTH": False,
        "qualificationCode": "6",
        "qualificationLibelle": "Employé qualifié",
        "codeNAF": "10.71C",
        "secteurActivite": "10",
        "secteurActiviteLibelle": "Boulangerie et boulangerie-pâtisserie",
        "origineOffre": {
            "origine": "1",
            "urlOrigine": f"https://candidat.francetravail.fr/offres/recherche/detail/{offer_id}",
        },
        "offresManqueCandidats": False,
        "contexteTravail": {"horaires": ["35H Travail en journée"]},
        "entrepriseAdaptee": False,
        "employeurHandiEngage": False,
    }
    offer.update(overrides)
    return offer


def _departement_of(offer: Any) -> str:
    if not isinstance(offer, dict):
        return ""
    label = (offer.get("lieuTravail") or {}).get("libelle", "")
    return label.split(" - ")[0] if " - " in label else ""


def _created(offer: Any) -> datetime:
    if not isinstance(offer, dict):
        return NOW - timedelta(minutes=1)
    return datetime.strptime(offer["dateCreation"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


class FakeFranceTravail:
    def __init__(
        self,
        offers: list[Any],
        *,
        clock: FakeClock,
        max_first_index: int = 3000,
        token_lifetime: int = 1499,
        withdrawn_status: int = 404,
    ) -> None:
        self.offers = offers
        self.clock = clock
        self.max_first_index = max_first_index
        self.token_lifetime = token_lifetime
        self.withdrawn_status = withdrawn_status
        self.seen: list[Seen] = []
        self.tokens_issued = 0
        self.valid_tokens: set[str] = set()
        self.refuse_every_token = False
        self._scripted: dict[str, deque[Reply]] = {}
        self._facts: dict[int, tuple[str, datetime]] = {}
        self._lock = threading.Lock()

    def script(self, kind: str, *replies: Reply) -> None:
        """Serve these replies, in order, to the next requests of `kind` ("token", "search", "detail")."""
        self._scripted.setdefault(kind, deque()).extend(replies)

    def revoke_tokens(self) -> None:
        self.valid_tokens.clear()

    def searches(self) -> list[Seen]:
        return [seen for seen in self.seen if seen.path.endswith("/offres/search")]

    def handle(self, method: str, url: str, headers: dict[str, str], body: bytes) -> Reply:
        parts = urlsplit(url)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        form = {key: values[0] for key, values in parse_qs(body.decode()).items()} if body else {}
        with self._lock:
            self.seen.append(Seen(method, parts.path, query, headers, form, self.clock.monotonic()))
            kind = (
                "token"
                if parts.path.endswith("/access_token")
                else "search"
                if parts.path.endswith("/search")
                else "detail"
            )
            if self._scripted.get(kind):
                return self._scripted[kind].popleft()
            if kind == "token":
                return self._token(form)
            auth = headers.get("Authorization", "")
            if self.refuse_every_token or auth.removeprefix("Bearer ") not in self.valid_tokens:
                return json_reply(401, {"message": "Invalid access token"})
            if kind == "search":
                return self._search(query)
            return self._detail(parts.path.rsplit("/", 1)[1])

    def _token(self, form: dict[str, str]) -> Reply:
        if (form.get("client_id"), form.get("client_secret")) != ("id", "secret"):
            return json_reply(401, {"error": "invalid_client", "error_description": "Client authentication failed"})
        if form.get("grant_type") != "client_credentials" or form.get("scope") != "api_offresdemploiv2 o2dsoffre":
            return json_reply(400, {"error": "invalid_request"})
        self.tokens_issued += 1
        token = f"tok-{self.tokens_issued}"
        self.valid_tokens.add(token)
        return json_reply(
            200,
            {"scope": form["scope"], "expires_in": self.token_lifetime, "token_type": "Bearer", "access_token": token},
        )

    def _search(self, query: dict[str, str]) -> Reply:
        first, _, last = query.get("range", "0-149").partition("-")
        first_index, last_index = int(first), int(last)
        if first_index > self.max_first_index:
            return json_reply(
                400,
                {
                    "codeHttp": 400,
                    "message": f"La position de début doit être inférieure ou égale à {self.max_first_index}.",
                },
            )
        if last_index - first_index >= 150 or last_index < first_index:
            return json_reply(400, {"codeHttp": 400, "message": "Le nombre de résultats doit être inférieur à 150."})
        query = {
            **query,
            "low": datetime.strptime(query["minCreationDate"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC),
            "high": datetime.strptime(query["maxCreationDate"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC),
        }
        matches = [
            offer
            for offer, departement, created in self._indexed()
            if self._matches(offer, departement, created, query)
        ]
        matches.sort(key=lambda offer: self._facts[id(offer)][1], reverse=True)
        total = len(matches)
        if total == 0:
            return Reply(204)
        window = matches[first_index : last_index + 1]
        body = {"resultats": window, "filtresPossibles": [{"filtre": "typeContrat", "agregation": []}]}
        if first_index == 0 and total <= last_index + 1:
            return json_reply(200, body)
        return json_reply(
            206,
            body,
            {
                "Content-Range": f"offres {first_index}-{first_index + len(window) - 1}/{total}",
                "Accept-Range": "offres 150",
            },
        )

    def _indexed(self) -> list[tuple[Any, str, datetime]]:
        # Parsing every offer's date on every request makes big splits slow: keep the facts per offer.
        rows = []
        for offer in self.offers:
            facts = self._facts.get(id(offer))
            if facts is None:
                facts = self._facts[id(offer)] = (_departement_of(offer), _created(offer).replace(microsecond=0))
            rows.append((offer, *facts))
        return rows

    @staticmethod
    def _matches(offer: Any, departement: str, created: datetime, query: dict[str, Any]) -> bool:
        if "departement" in query and departement not in query["departement"].split(","):
            return False
        if isinstance(offer, dict):
            if "motsCles" in query and query["motsCles"].lower() not in str(offer.get("intitule", "")).lower():
                return False
            if "codeROME" in query and offer.get("romeCode") != query["codeROME"]:
                return False
        return query["low"] <= created <= query["high"]

    def _detail(self, offer_id: str) -> Reply:
        for offer in self.offers:
            if isinstance(offer, dict) and offer.get("id") == offer_id:
                return json_reply(200, offer)
        if self.withdrawn_status == 204:
            return Reply(204)
        return json_reply(404, {"codeHttp": 404, "message": "Aucune offre trouvée"})


def adzuna_job(
    job_id: str,
    *,
    title: str = "Boulanger H/F",
    area: tuple[str, ...] = ("France", "Occitanie", "Hérault", "Montpellier"),
) -> dict[str, Any]:
    """An Adzuna job in the API's shape, with its `__CLASS__` markers."""
    return {
        "__CLASS__": "Adzuna::API::Response::Job",
        "id": job_id,
        "title": title,
        "description": "Boulangerie de quartier recherche un boulanger pour le pain et les viennoiseries…",
        "created": "2026-11-22T07:10:14Z",
        "redirect_url": f"https://www.adzuna.fr/details/{job_id}?utm_medium=api",
        "company": {"__CLASS__": "Adzuna::API::Response::Company", "display_name": "BOULANGERIE DU PORT"},
        "location": {
            "__CLASS__": "Adzuna::API::Response::Location",
            "display_name": "Montpellier, Hérault",
            "area": list(area),
        },
        "latitude": 43.61,
        "longitude": 3.87,
        "category": {"__CLASS__": "Adzuna::API::Response::Category", "tag": "unknown", "label": "Unknown"},
        "contract_type": "permanent",
        "salary_min": 1802,
        "salary_max": 1802,
        "salary_is_predicted": "0",
        "adref": "eyJhbGciOiJIUzI1NiJ9.test",
    }


class FakeAdzuna:
    def __init__(self, jobs: list[Any], *, clock: FakeClock, count_override: int | None = None) -> None:
        self.jobs = jobs
        self.clock = clock
        self.count_override = count_override
        self.seen: list[Seen] = []
        self._scripted: deque[Reply] = deque()
        self._lock = threading.Lock()

    def script(self, *replies: Reply) -> None:
        self._scripted.extend(replies)

    def handle(self, method: str, url: str, headers: dict[str, str], body: bytes) -> Reply:
        parts = urlsplit(url)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        with self._lock:
            self.seen.append(Seen(method, parts.path, query, headers, {}, self.clock.monotonic()))
            if self._scripted:
                return self._scripted.popleft()
        if (query.get("app_id"), query.get("app_key")) != ("app", "key"):
            return json_reply(
                401,
                {
                    "__CLASS__": "Adzuna::API::Response::Exception",
                    "exception": "AUTH_FAIL",
                    "display": "Authorisation failed",
                },
            )
        page = int(parts.path.rsplit("/", 1)[1])
        size = int(query.get("results_per_page", "10"))
        matches = [job for job in self.jobs if self._matches(job, query)]
        results = matches[(page - 1) * size : page * size]
        count = len(matches) if self.count_override is None else self.count_override
        return json_reply(
            200,
            {
                "__CLASS__": "Adzuna::API::Response::JobSearchResults",
                "count": count,
                "mean": 31101.23,
                "results": results,
            },
        )

    @staticmethod
    def _matches(job: Any, query: dict[str, str]) -> bool:
        if not isinstance(job, dict):
            return True
        if "what" in query and query["what"].lower() not in job["title"].lower():
            return False
        return not ("where" in query and query["where"] not in job["location"]["area"])


def mount_on_responses(mock: Any, base_url: str, fake: FakeFranceTravail | FakeAdzuna) -> None:
    """Route every request under `base_url` to `fake` through a `responses` mock."""
    import re

    def callback(request: Any) -> tuple[int, dict[str, str], bytes]:
        body = request.body or b""
        reply = fake.handle(
            request.method, request.url, dict(request.headers), body.encode() if isinstance(body, str) else body
        )
        if reply.error is not None:
            raise reply.error
        return reply.status, reply.headers, reply.body

    for method in ("GET", "POST"):
        mock.add_callback(method, re.compile(re.escape(base_url) + ".*"), callback=callback)


class LocalApiServer:
    """A real HTTP server on 127.0.0.1, in a thread, that serves a fake's replies."""

    def __init__(self, fake: FakeFranceTravail | FakeAdzuna) -> None:
        outer = fake

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                url = f"http://{self.headers['Host']}{self.path}"
                reply = outer.handle(self.command, url, dict(self.headers), body)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(reply.body[: len(reply.body) // 2] if reply.cut_transfer else reply.body)
                self.close_connection = True

            do_GET = _serve
            do_POST = _serve

            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> LocalApiServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
