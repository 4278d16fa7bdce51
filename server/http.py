"""The endpoint's defences at the HTTP level, below SPARQL.

- :class:`HostCheck`: answer 421 unless the ``Host`` header names a host the server was
  started for (loopback names by default), so a web page that rebinds its own name to
  127.0.0.1 cannot read a local endpoint.
- :class:`SecurityHeaders`: ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy`` on
  every answer.
- :func:`guarded_protocol`: uvicorn's HTTP/1.1 protocol (httptools where installed, else h11)
  with a limit on open connections and a time limit for a request's headers, so half-sent
  requests do not pile up.

Example
-------
>>> allowed_hosts("127.0.0.1", ["kk.example.org"])
['127.0.0.1', '::1', 'kk.example.org', 'localhost']
>>> host_of("[::1]:8000"), host_of("LocalHost:80"), host_of("a b")
('::1', 'localhost', None)
"""
from __future__ import annotations

import urllib.parse

from uvicorn.protocols.http.h11_impl import H11Protocol

from ..exceptions import AbegraphError

try:  # uvicorn's C parser, much faster than h11; optional (uvicorn[standard])
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # pragma: no cover - depends on what is installed
    HttpToolsProtocol = None

__all__ = ["HostCheck", "SecurityHeaders", "guarded_protocol", "allowed_hosts", "host_of", "LOOPBACK"]

LOOPBACK = ("localhost", "127.0.0.1", "::1")


def allowed_hosts(bind: str, extra=()) -> list[str]:
    """The host names a server bound to ``bind`` answers to: loopback names, the bound
    address (unless it is a wildcard) and ``extra``."""
    names = set(LOOPBACK) | {h.lower().strip("[]") for h in extra}
    if bind not in ("0.0.0.0", "::", ""):
        names.add(bind.lower().strip("[]"))
    return sorted(names)


def host_of(header: str) -> str | None:
    """The host name in a ``Host`` header (without port or brackets), or None if malformed."""
    try:
        parts = urllib.parse.urlsplit("//" + header)
        return parts.hostname if parts.hostname and not set(header) & set(" /\\@?#") else None
    except ValueError:
        return None


class HostCheck:
    """ASGI middleware: 421 Misdirected Request for a Host not in ``hosts``."""

    def __init__(self, app, hosts):
        self.app, self.hosts = app, {h.lower() for h in hosts}

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            host = host_of(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.hosts:
                body = (f"this endpoint answers only for {', '.join(sorted(self.hosts))}; start it with "
                        "--allow-host NAME to add the name you used\n").encode()
                await send({"type": "http.response.start", "status": 421, "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                    (b"x-content-type-options", b"nosniff"), (b"connection", b"close")]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """ASGI middleware: headers every answer carries."""

    HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def sending(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in self.HEADERS if h[0] not in present]
            await send(message)

        await self.app(scope, receive, sending)


def guarded_protocol(max_connections: int = 200, header_seconds: float = 10.0, parser: str = "auto"):
    """A uvicorn ``http`` protocol class: at most ``max_connections`` open connections (more
    are closed at once), and a request's headers must arrive within ``header_seconds`` of the
    connection opening or of the previous answer.

    ``parser``: ``"httptools"`` (uvicorn's C parser, when the ``httptools`` package is
    installed), ``"h11"`` (pure Python), or ``"auto"``: httptools where available. Both get
    the same limits.

    >>> guarded_protocol(parser="h11").__mro__[1].__name__
    'H11Protocol'
    """
    if parser not in ("auto", "httptools", "h11"):
        raise AbegraphError(f"unknown HTTP parser {parser!r}; use auto, httptools or h11",
                            thai=f"ไม่รู้จักตัวอ่าน HTTP {parser!r} ใช้ auto, httptools หรือ h11")
    if parser == "httptools" and HttpToolsProtocol is None:
        raise AbegraphError("the httptools parser is not installed: pip install httptools",
                            thai="ยังไม่ได้ติดตั้งตัวอ่าน httptools: pip install httptools")
    base = H11Protocol if parser == "h11" or HttpToolsProtocol is None else HttpToolsProtocol

    class Guarded(base):
        def connection_made(self, transport):
            super().connection_made(transport)
            if len(self.connections) > max_connections:
                transport.close()
                return
            self._arm_header_timer()

        def _arm_header_timer(self):
            started = self.cycle
            self.loop.call_later(header_seconds, self._header_timeout, started)

        def _header_timeout(self, cycle_when_armed):
            if self.cycle is cycle_when_armed and not self.transport.is_closing():
                self.transport.close()  # no complete request in time: a slow or idle client

        def on_response_complete(self):
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm_header_timer()

    Guarded.__name__ = Guarded.__qualname__ = f"Guarded{base.__name__}"
    return Guarded
