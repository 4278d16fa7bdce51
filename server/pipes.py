"""Wait for a query worker's answer on the event loop, without a thread per request.

A worker answers on a :func:`multiprocessing.Pipe`. Waiting for it in a thread costs two
thread switches per request (to the thread, and back to the event loop) on top of the two
process switches; here the event loop itself watches the pipe (``loop.add_reader``) and reads
the answer as it arrives, framed as :mod:`multiprocessing.connection` frames it (a 4-byte
big-endian length, or -1 and an 8-byte length from 2 GiB on, then the pickled message).

The pipe stays in blocking mode, since the pool also talks to a worker from threads: each
read follows a readiness event, so it never blocks. A worker answers one request at a time
and sends nothing unasked, so a read never takes bytes of a later message.

Example
-------
>>> import asyncio, multiprocessing
>>> mine, theirs = multiprocessing.Pipe()
>>> theirs.send(("ok", "text/csv", b"x" * 100_000))
>>> async def ask():
...     return await readable(mine, 1.0), await receive(mine)
>>> ready, (status, media, body) = asyncio.run(ask())
>>> ready, status, len(body)
(True, 'ok', 100000)
>>> asyncio.run(readable(mine, 0.01))
False
"""
from __future__ import annotations

import asyncio
import os
import pickle
import struct

__all__ = ["readable", "receive"]

_CHUNK = 1 << 20


async def readable(conn, seconds: float) -> bool:
    """True as soon as ``conn`` has something to read (or was closed), False after ``seconds``."""
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    fd = conn.fileno()

    def settle(value: bool) -> None:
        if not future.done():
            future.set_result(value)

    loop.add_reader(fd, settle, True)
    timer = loop.call_later(max(seconds, 0.0), settle, False)
    try:
        return await future
    finally:
        timer.cancel()
        loop.remove_reader(fd)


async def receive(conn):
    """The next message on ``conn``, read on the event loop; ``EOFError`` when the other end closed
    before it, ``OSError`` when it stopped in the middle of one."""
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    fd = conn.fileno()
    buffer = bytearray()
    frame = [0, 0]  # header length, payload length (0: not known yet)

    def ready() -> None:
        if future.done():
            return
        want = _CHUNK if not frame[1] else min(_CHUNK, frame[0] + frame[1] - len(buffer))
        try:
            chunk = os.read(fd, want)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as err:
            future.set_exception(err)
            return
        if not chunk:
            future.set_exception(EOFError() if not buffer else OSError("got end of file during message"))
            return
        buffer.extend(chunk)
        if not frame[1] and len(buffer) >= 4:
            size, = struct.unpack_from("!i", buffer)
            if size != -1:
                frame[:] = 4, size
            elif len(buffer) >= 12:
                frame[:] = 12, struct.unpack_from("!Q", buffer, 4)[0]
        if frame[1] and len(buffer) >= frame[0] + frame[1]:
            if len(buffer) > frame[0] + frame[1]:
                future.set_exception(OSError("the worker sent more than one message"))
            else:
                future.set_result(None)

    loop.add_reader(fd, ready)
    try:
        await future
    finally:
        loop.remove_reader(fd)
    return pickle.loads(memoryview(buffer)[frame[0]:])
