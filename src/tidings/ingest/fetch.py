"""Fetch a URL with limits: a timeout per request, a cap on redirects and on the body size.

The HTTP client is injected (``httpx.Client``), so tests point it at a local server.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from tidings.errors import FetchError, TooLarge
from tidings.ingest.decode import check_size, decode
from tidings.settings import Settings

_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched document: its final URL, content type and decoded text."""

    url: str
    content_type: str
    text: str

    @property
    def is_html(self) -> bool:
        return "html" in self.content_type or "xml" in self.content_type


def make_client(settings: Settings) -> httpx.Client:
    """An httpx client configured from the settings."""
    return httpx.Client(
        timeout=httpx.Timeout(settings.fetch_timeout),
        follow_redirects=True,
        max_redirects=settings.fetch_max_redirects,
        headers={"User-Agent": settings.user_agent, "Accept": "text/html,text/plain;q=0.9"},
    )


def fetch(url: str, client: httpx.Client, settings: Settings) -> Page:
    """GET ``url``; raise FetchError (or TooLarge, BinaryInput ...) with a one-line reason."""
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}")
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type and not content_type.startswith(_TEXT_TYPES):
                raise FetchError(url, f"not a web page or text (content type {content_type})")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit():
                check_size(int(declared), url, settings.max_bytes)
            body = _read_capped(response, url, settings.max_bytes)
            final_url = str(response.url)
            encoding = response.charset_encoding
    except httpx.TooManyRedirects:
        raise FetchError(url, f"more than {settings.fetch_max_redirects} redirects") from None
    except httpx.TimeoutException:
        raise FetchError(url, f"timed out after {settings.fetch_timeout:g} s") from None
    except httpx.ConnectError as error:
        raise FetchError(url, f"cannot connect ({_first_line(error)})") from None
    except httpx.InvalidURL as error:
        raise FetchError(url, f"invalid URL ({error})") from None
    except httpx.HTTPError as error:
        raise FetchError(url, f"request failed ({type(error).__name__}: {error})") from None
    text = decode(body, url, max_bytes=settings.max_bytes, encoding=encoding)
    return Page(url=final_url, content_type=content_type or "text/html", text=text)


def _read_capped(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(url, f"response is over the {max_bytes:,}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


def _first_line(error: Exception) -> str:
    message = str(error).strip() or type(error).__name__
    return message.splitlines()[0]
