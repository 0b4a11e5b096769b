"""A polite HTTP client for one council site.

One connection per host, a pause of at least `delay` seconds between the end
of one request and the start of the next (longer where robots.txt asks for a
Crawl-delay), robots.txt honoured, a User-Agent naming papermine, its version
and a contact, retries with backoff on 429/5xx and timeouts. A 403 or a
challenge page raises SiteBlocked: the run stops there, with no workaround.
"""
from __future__ import annotations

import hashlib
import email.utils
import mimetypes
import re
import time
import urllib.robotparser
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, TypeVar
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from .. import __version__
from ..errors import FetchError, RobotsDisallowed, SiteBlocked

__all__ = ["PoliteClient", "Download", "default_user_agent", "DEFAULT_DELAY"]

T = TypeVar("T")

#: Seconds between requests to one host (MODERNGOV.md: 1-2 s is the convention).
DEFAULT_DELAY = 1.0
#: Self-hosted ModernGov sites can take up to a minute to answer (LGSF uses 60 s).
READ_TIMEOUT = 60.0
CONNECT_TIMEOUT = 15.0
#: Attempts for one address, shared by timeouts, failed connections, 429/5xx and broken-off bodies.
MAX_ATTEMPTS = 4
#: Backoff before attempt n+1 is BACKOFF_BASE * 2**n seconds, unless Retry-After says otherwise.
BACKOFF_BASE = 1.0
#: A Retry-After longer than this is not waited for: the request fails instead.
MAX_RETRY_AFTER = 300.0
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
#: Where papermine lives; a user should give their own contact with --user-agent.
CONTACT = "https://pypi.org/project/papermine/"
#: Signs of a bot challenge (Cloudflare, Incapsula, Akamai) in a page: never worked around.
#: Not Cloudflare's "challenge-platform" script alone: it is injected into ordinary pages too.
CHALLENGE_MARKERS = ("<title>just a moment", "cf_chl_opt", "cf-chl-", "attention required! | cloudflare",
                     "_incapsula_resource", "/_sec/cp_challenge")
#: How much of a body is looked at for those signs.
SNIFF_BYTES = 20000
#: Documents come as these; an HTML page where a document was expected is an error page.
HTML_TYPES = ("text/html", "application/xhtml+xml")


def default_user_agent() -> str:
    return f"papermine/{__version__} (committee papers for research; +{CONTACT})"


@dataclass
class Download:
    """A document written whole to `path` (the temporary name until renamed)."""
    url: str                 # the address finally answered (after redirects)
    path: Path
    sha256: str
    size: int
    suffix: str              # ".pdf", ".docx"...
    content_type: str


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _is_challenge(response: httpx.Response, head: bytes) -> bool:
    if response.headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    text = head[:SNIFF_BYTES].decode("latin-1").lower()
    return any(marker in text for marker in CHALLENGE_MARKERS)


def _suffix(response: httpx.Response, url: str) -> str:
    """The file suffix of a document: its Content-Disposition name, its address, its type."""
    disposition = response.headers.get("content-disposition", "")
    m = re.search(r"filename\*?=(?:UTF-8'')?\"?([^\";]+)", disposition, re.IGNORECASE)
    for name in (unquote(m.group(1)) if m else "", unquote(urlsplit(url).path)):
        suffix = Path(name).suffix.lower()
        if re.fullmatch(r"\.[a-z0-9]{2,5}", suffix) and suffix not in (".aspx", ".asp", ".ashx"):
            return suffix
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    return mimetypes.guess_extension(content_type) or ".pdf"


class _Retry(Exception):
    """An answer worth asking again for (429/5xx), with the server's Retry-After if it gave one."""

    def __init__(self, reason: str, wait: float | None):
        super().__init__(reason)
        self.reason, self.wait = reason, wait


class PoliteClient:
    """Sequential GETs to a site, paced, robots-checked, retried and blocked-aware."""

    def __init__(self, user_agent: str | None = None, delay: float = DEFAULT_DELAY,
                 sleep=time.sleep, clock=time.monotonic):
        self.user_agent = user_agent or default_user_agent()
        self.delay = max(0.0, delay)
        self.requests = 0
        self._sleep, self._clock = sleep, clock
        self._last_end: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        transport = httpx.HTTPTransport(limits=httpx.Limits(max_connections=1, max_keepalive_connections=1))
        self._http = httpx.Client(transport=transport, follow_redirects=False,
                                  headers={"User-Agent": self.user_agent},
                                  timeout=httpx.Timeout(READ_TIMEOUT, connect=CONNECT_TIMEOUT))

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "PoliteClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- robots.txt ---------------------------------------------------------------

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = None          # while robots.txt itself is fetched
            robots_url = origin + "/robots.txt"

            def consume(response: httpx.Response) -> urllib.robotparser.RobotFileParser:
                parser = urllib.robotparser.RobotFileParser(robots_url)
                if response.status_code == 200:
                    parser.parse(response.read().decode("utf-8", "replace").splitlines())
                else:                            # 404 and the like: no rules
                    parser.parse([])
                return parser
            try:
                parser = self._with_retries(robots_url, consume)
            except FetchError as exc:            # RFC 9309: rules that cannot be read forbid everything
                del self._robots[origin]
                raise RobotsDisallowed(robots_url, f"robots.txt could not be read ({exc.detail}); a site "
                                                   "whose rules cannot be read is not fetched") from exc
            except BaseException:
                del self._robots[origin]
                raise
            self._robots[origin] = parser
        return self._robots[origin]

    def allowed(self, url: str) -> bool:
        """Does robots.txt let papermine fetch `url`?"""
        parser = self._robots_for(url)
        return parser is None or parser.can_fetch(self.user_agent, url)

    def _pause_for(self, url: str) -> float:
        parts = urlsplit(url)
        parser = self._robots.get(f"{parts.scheme}://{parts.netloc}")
        crawl_delay = parser.crawl_delay(self.user_agent) if parser else None
        return max(self.delay, float(crawl_delay or 0))

    # ---- requests -------------------------------------------------------------------

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last_end.get(host)
        if last is not None:
            wait = last + self._pause_for(url) - self._clock()
            if wait > 0:
                self._sleep(wait)

    def _with_retries(self, url: str, consume: Callable[[httpx.Response], T]) -> T:
        """`consume` the answer to a GET of `url`, with one budget of attempts for everything.

        Timeouts, failed connections, 429/5xx answers and bodies that break off
        all draw on the same MAX_ATTEMPTS, with backoff between attempts (or the
        server's Retry-After), so a dead address costs at most MAX_ATTEMPTS requests.
        """
        reason = ""
        for attempt in range(MAX_ATTEMPTS):
            try:
                response = self._request(url)
                try:
                    return consume(response)
                finally:
                    response.close()
                    self._last_end[urlsplit(url).netloc] = self._clock()
            except _Retry as retry:
                reason, wait = retry.reason, retry.wait
            except httpx.TimeoutException:
                reason, wait = "timed out", None
            except httpx.TransportError as exc:
                reason, wait = f"connection failed ({exc.__class__.__name__}: {exc})", None
            except httpx.HTTPError as exc:
                reason, wait = f"the answer broke off ({exc.__class__.__name__})", None
            if attempt + 1 < MAX_ATTEMPTS:
                self._sleep(wait if wait is not None else BACKOFF_BASE * 2 ** attempt)
        raise FetchError(url, f"{reason} after {MAX_ATTEMPTS} attempts")

    def _request(self, url: str) -> httpx.Response:
        """One paced, streamed GET; redirects are followed here, each hop paced and robots-checked."""
        for _hop in range(MAX_REDIRECTS + 1):
            if not self.allowed(url):
                raise RobotsDisallowed(url)
            response = self._send(url)
            if response.status_code in (301, 302, 303, 307, 308) and "location" in response.headers:
                response.close()
                url = urljoin(url, response.headers["location"])
                continue
            return response
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _send(self, url: str) -> httpx.Response:
        """One paced GET. A 429/5xx raises _Retry; a 403 or a challenge raises SiteBlocked."""
        self._wait_turn(url)
        self.requests += 1
        try:
            response = self._http.send(self._http.build_request("GET", url), stream=True)
        finally:
            self._last_end[urlsplit(url).netloc] = self._clock()
        status = response.status_code
        if _is_challenge(response, b""):         # the header alone: the body is not read yet
            response.close()
            raise SiteBlocked(url, f"HTTP {status} with a challenge page (bot check): papermine "
                                   "stops here and does not work around it")
        if status == 403:
            response.close()
            raise SiteBlocked(url, "HTTP 403: the site refuses this client; papermine stops here "
                                   "and does not work around it")
        if status != 429 and status < 500:
            return response
        after = _retry_after(response)
        response.close()
        if after is not None and after > MAX_RETRY_AFTER:
            raise FetchError(url, f"HTTP {status}, retry after {after:.0f} s: given up")
        raise _Retry(f"HTTP {status}", after)

    def get(self, url: str) -> tuple[int, str, bytes]:
        """(status, content type, body) of a page or service answer. Challenge pages raise SiteBlocked."""
        def consume(response: httpx.Response) -> tuple[int, str, bytes]:
            body = response.read()
            if _is_challenge(response, body):
                raise SiteBlocked(url, "a challenge page (bot check): papermine stops here and does not "
                                       "work around it")
            return response.status_code, response.headers.get("content-type", ""), body
        return self._with_retries(url, consume)

    def download(self, url: str, part: Path) -> Download:
        """Stream a document to `part` (a temporary name), hashing it on the way.

        A broken-off transfer is retried; on failure `part` is removed. The
        caller renames `part` when it is whole.
        """
        def consume(response: httpx.Response) -> Download:
            final_url = str(response.url)
            if response.status_code != 200:
                raise FetchError(url, f"HTTP {response.status_code}")
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            digest, size, head = hashlib.sha256(), 0, b""
            with part.open("wb") as fh:
                for chunk in response.iter_bytes(CHUNK):
                    if len(head) < SNIFF_BYTES:
                        head += chunk[:SNIFF_BYTES]
                    digest.update(chunk)
                    size += len(chunk)
                    fh.write(chunk)
            if content_type in HTML_TYPES or content_type.startswith("text/"):
                if _is_challenge(response, head):
                    raise SiteBlocked(url, "a challenge page (bot check) instead of the document: "
                                           "papermine stops here and does not work around it")
                if content_type in HTML_TYPES:
                    raise FetchError(url, "an HTML page came back instead of a document")
            if size == 0:
                raise FetchError(url, "the document is empty")
            return Download(final_url, part, digest.hexdigest(), size, _suffix(response, final_url),
                            content_type)
        try:
            return self._with_retries(url, consume)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
