"""Dates as a Thai reader writes them: day, abbreviated month, Buddhist-era year.

Example
-------
>>> from abegraph.thai.dates import thai_date, thai_datetime
>>> thai_date("2026-12-03")
'3 ธ.ค. 2569'
>>> thai_datetime("2026-12-03T17:31:01Z")  # in Thailand's time (UTC+7)
'4 ธ.ค. 2569 00:31 น.'
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

__all__ = ["thai_date", "thai_datetime", "province_time", "MONTHS_TH", "THAILAND"]

MONTHS_TH = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
             "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
#: Thailand's time zone (no daylight saving)
THAILAND = timezone(timedelta(hours=7), "ICT")


def thai_date(iso: str) -> str:
    """``YYYY-MM-DD`` (or the date part of a dateTime) as a Thai date, in the Buddhist era.

    Raises :class:`ValueError` when ``iso`` does not start with a date.

    >>> thai_date("2023-02-04T09:00:00")
    '4 ก.พ. 2566'
    """
    year, month, day = str(iso)[:10].split("-")
    return f"{int(day)} {MONTHS_TH[int(month) - 1]} {int(year) + 543}"


def thai_datetime(iso: str) -> str:
    """An ISO dateTime as a Thai date and time (``น.``), in Thailand's time when it has a zone.

    Raises :class:`ValueError` when ``iso`` is not an ISO dateTime.

    >>> thai_datetime("2023-02-04T09:05:00")
    '4 ก.พ. 2566 09:05 น.'
    """
    moment = province_time(iso)
    return f"{thai_date(moment.date().isoformat())} {moment:%H:%M} น."


def province_time(iso: str) -> datetime:
    """An ISO dateTime in Thailand's time when it has a zone (as it is when it has none).

    Raises :class:`ValueError` when ``iso`` is not an ISO dateTime.

    >>> province_time("2026-12-03T20:30:00Z").isoformat()
    '2026-12-04T03:30:00+07:00'
    """
    moment = datetime.fromisoformat(str(iso))
    return moment.astimezone(THAILAND) if moment.tzinfo is not None else moment
