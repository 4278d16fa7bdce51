"""One exception hierarchy for abegraph; the CLI turns each into a message with a hint.

Example
-------
>>> from abegraph.exceptions import AbegraphError, UnknownFormatError
>>> issubclass(UnknownFormatError, AbegraphError)
True
"""
from __future__ import annotations

__all__ = [
    "AbegraphError", "LoadError", "UnknownFormatError", "StoreError", "StoreLockedError", "RdfSyntaxError",
    "QueryError", "NotFound", "EndpointError",
]


class AbegraphError(Exception):
    """Base class of every error abegraph raises on purpose.

    ``thai`` is the same message in Thai, for ``--lang th``.
    """

    #: a short hint on what to do next, shown by the command line
    hint: str = ""
    hint_th: str = ""

    def __init__(self, message: str, *args, thai: str = ""):
        super().__init__(message, *args)
        self.thai = thai

    def message(self, lang: str = "en") -> str:
        return self.thai if lang == "th" and self.thai else str(self.args[0] if self.args else "")


class LoadError(AbegraphError):
    """Input files were refused; ``report`` lists every problem found."""

    def __init__(self, message: str, report=None):
        super().__init__(message)
        self.report = report


class UnknownFormatError(AbegraphError):
    """A file or output format that no registered reader or writer handles."""


class StoreError(AbegraphError):
    """The store cannot be opened or written."""


class StoreLockedError(StoreError):
    """Another process is writing the same store folder."""

    hint = "Wait for the other abegraph command to finish, or use another --store folder."
    hint_th = "รอให้คำสั่ง abegraph อื่นทำงานเสร็จ หรือใช้ --store กับโฟลเดอร์อื่น"


class RdfSyntaxError(StoreError):
    """An RDF file being loaded does not parse; ``line`` says where (nothing was loaded)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


class QueryError(AbegraphError):
    """A SPARQL query is malformed or names an unknown saved question."""


class NotFound(AbegraphError):
    """A named thing (saved question, graph, agency) does not exist."""


class EndpointError(AbegraphError):
    """A request the SPARQL endpoint (``abegraph serve``) refuses or cannot answer.

    ``status`` is the HTTP status it is answered with; ``retry`` (seconds) asks the client to
    try again later (the ``Retry-After`` header). The message names what to change.

    >>> err = EndpointError("the store is busy", thai="คลังข้อมูลไม่ว่าง")
    >>> err.status, err.message("th")
    (400, 'คลังข้อมูลไม่ว่าง')
    """

    status: int = 400
    retry: int | None = None
