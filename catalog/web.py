"""Fetch a catalogue from a web address given to ``abegraph load``: bounded in time and size.

Example
-------
>>> from abegraph.catalog.web import is_url, safe_name
>>> is_url("https://data.go.th/catalog.ttl"), safe_name("data.go.th Catalog (2566)")
(True, 'data.go.th-catalog-2566')
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from abegraph import __version__
from abegraph.exceptions import AbegraphError
from abegraph.thai.text import clean

__all__ = ["FetchError", "is_url", "fetch_url", "safe_name"]


def safe_name(text: str) -> str:
    """``text`` as a file or identifier name: lower case, runs of anything but letters, digits,
    ``.`` and ``-`` made one ``-``."""
    return re.sub(r"[^\w.-]+", "-", clean(text).lower(), flags=re.UNICODE).strip("-")


class FetchError(AbegraphError):
    """A catalogue could not be fetched from the web address given to ``abegraph load``."""

    hint = "Check the address, or download the file yourself and load the file."
    hint_th = "ตรวจสอบที่อยู่เว็บ หรือดาวน์โหลดไฟล์เองแล้วโหลดจากไฟล์"


#: Content-Type -> the file ending the format registry knows
_CONTENT_TYPES = {"application/json": ".json", "text/turtle": ".ttl", "application/x-turtle": ".ttl",
                  "application/rdf+xml": ".rdf", "application/ld+json": ".jsonld", "text/xml": ".rdf",
                  "application/xml": ".rdf"}


def is_url(text: str) -> bool:
    """True for an ``http://`` or ``https://`` address.

    >>> is_url("https://data.go.th/catalog.ttl"), is_url("catalog.ttl")
    (True, False)
    """
    return str(text).lower().startswith(("http://", "https://"))


def fetch_url(url: str, folder: str | Path, timeout: float = 30.0, max_bytes: int = 50_000_000) -> Path:
    """Download a catalogue to ``folder`` and return the file, named after the address with an
    ending the loader knows (from the address, else from the Content-Type).

    Refuses answers over ``max_bytes`` and stops after ``timeout`` seconds without data;
    every failure is a :class:`FetchError` with a message for the user.

    >>> try:
    ...     fetch_url("ftp://example.org/x", "/tmp")
    ... except FetchError as err:
    ...     print(err)
    only http:// and https:// addresses can be loaded: ftp://example.org/x
    """
    import urllib.error
    import urllib.request

    if not is_url(url):
        raise FetchError(f"only http:// and https:// addresses can be loaded: {url}",
                         thai=f"โหลดได้เฉพาะที่อยู่ที่ขึ้นต้นด้วย http:// หรือ https:// เท่านั้น: {url}")
    request = urllib.request.Request(url, headers={
        "User-Agent": f"abegraph/{__version__}",
        "Accept": "application/json, text/turtle, application/rdf+xml, application/ld+json;q=0.9, */*;q=0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url} is {int(declared) // 1_000_000} MB, more than the "
                                 f"{max_bytes // 1_000_000} MB abegraph fetches",
                                 thai=f"{url} มีขนาด {int(declared) // 1_000_000} MB เกินกว่า "
                                      f"{max_bytes // 1_000_000} MB ที่ abegraph ดาวน์โหลดได้")
            data = response.read(max_bytes + 1)
            content_type = (response.headers.get_content_type() or "").lower()
    except FetchError:
        raise
    except urllib.error.HTTPError as err:
        raise FetchError(f"{url} answered {err.code} {err.reason}",
                         thai=f"{url} ตอบกลับ {err.code} {err.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise FetchError(f"cannot fetch {url}: {reason}", thai=f"ดาวน์โหลด {url} ไม่ได้: {reason}") from None
    if len(data) > max_bytes:
        raise FetchError(f"{url} is more than the {max_bytes // 1_000_000} MB abegraph fetches",
                         thai=f"{url} มีขนาดเกินกว่า {max_bytes // 1_000_000} MB ที่ abegraph ดาวน์โหลดได้")
    parts = urlsplit(url)
    stem = parts.path.rstrip("/").rsplit("/", 1)[-1] or "catalog"
    suffix = Path(stem).suffix.lower()
    known = (".json", ".ttl", ".rdf", ".xml", ".jsonld")
    if suffix not in known:
        suffix = _CONTENT_TYPES.get(content_type, ".json" if data.lstrip()[:1] in (b"{", b"[") else ".ttl")
        stem = f"{stem}{suffix}"
    name = safe_name(f"{parts.hostname or 'web'}-{Path(stem).stem}") + suffix
    path = Path(folder) / name
    path.write_bytes(data)
    return path
