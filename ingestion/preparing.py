"""Preparing payloads: everything computed from a payload alone, made ahead of the writing.

A payload's canonical JSON, its hash, its normalised posting and that posting's keys
take more CPU than writing them (bench/ingest.py: ~220 µs against ~140 µs of Python
writing). `prepared_chunks` makes them one chunk ahead of the run's writing, in a
child process when it can: a thread would share the interpreter lock with the writing
thread, and the two barely overlapped (1,400 offers/s, against 1,850 with a process).

The source is read in this process (its HTTP calls, counters and quotas stay where the
run records them); only the payloads go to the child and only what the writing needs
comes back. Nothing here touches the database.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import math
import multiprocessing
import os
import pickle
import queue
import re
import signal
import threading
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from django.conf import settings
from django.db import connections

from ingestion.normalise import NormalisationError, normalise
from ingestion.normalise.base import external_id as read_external_id
from offers.services import PostingRecord, posting_record

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreparedPayload:
    """A payload ready to be written: its stored JSON text and hash, and what it normalises to."""

    text: str
    digest: str
    external_id: str
    outcome: PostingRecord | NormalisationError


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(value: Any) -> Any:
    # A JSON escape such as "\ud800" with no partner decodes to a lone surrogate, which no
    # UTF-8 text (PostgreSQL's) can hold. Pairs were already joined by the JSON parser.
    if isinstance(value, str):
        return _SURROGATE_RE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_without_lone_surrogates(key): _without_lone_surrogates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    return value


def _canonical(payload: Any) -> tuple[Any, str, str]:
    """(payload, its JSON text, its hash). The only changes ever made to a payload are the
    three PostgreSQL's jsonb cannot store: NUL characters, lone surrogates (replaced by
    U+FFFD) and NaN/Infinity (read from the wire by a lenient JSON parser); each would
    otherwise make the whole batch fail."""
    try:
        text = json.dumps(payload, sort_keys=True, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    except ValueError:
        payload = _finite(payload)
        text = json.dumps(payload, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    if "\\ud" in text:  # ensure_ascii writes every surrogate, paired or lone, as \udxxx
        payload = _without_lone_surrogates(payload)
        text = json.dumps(payload, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    if "\\u0000" in text:
        text = text.replace("\\u0000", "")
        payload = json.loads(text)
    return payload, text, hashlib.sha256(text.encode()).hexdigest()


def _raw_external_id(payload: Any, digest: str) -> str:
    try:
        return read_external_id(payload.get("id") if isinstance(payload, dict) else None)
    except NormalisationError:
        # Kept anyway (nothing is lost), under an id made from its content; it will fail to normalise.
        return f"sans-id-{digest[:16]}"


def payload_prepare(source: str, payload: Any) -> PreparedPayload:
    payload, text, digest = _canonical(payload)
    try:
        outcome: PostingRecord | NormalisationError = posting_record(normalise(source, payload))
    except NormalisationError as error:
        outcome = error
    return PreparedPayload(text, digest, _raw_external_id(payload, digest), outcome)


def _chunk_prepare(source: str, chunk: list[Any]) -> list[PreparedPayload]:
    return [payload_prepare(source, payload) for payload in chunk]


def prepared_chunks(source: str, chunks: Iterable[list[Any]]) -> Iterator[list[PreparedPayload]]:
    """The chunks, each prepared one chunk ahead of the caller.

    In a child process where this process may fork one (settings.INGESTION_PREPARE_PROCESS,
    a platform with fork, not a daemonic process), else in a thread. An error of the source
    reaches the caller at the chunk where it happened, after the chunks before it.
    """
    if _can_fork():
        return _in_child_process(source, iter(chunks))
    return _in_thread(source, iter(chunks))


def _can_fork() -> bool:
    return (
        settings.INGESTION_PREPARE_PROCESS
        and "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


# --- in a thread -------------------------------------------------------------------------------------

_DONE = object()


def _in_thread(source: str, chunks: Iterator[list[Any]]) -> Iterator[list[PreparedPayload]]:
    handoff: queue.Queue[Any] = queue.Queue(maxsize=1)
    stop = threading.Event()

    def hand(item: Any) -> bool:
        while not stop.is_set():
            try:
                handoff.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for chunk in chunks:
                if not hand(_chunk_prepare(source, chunk)):
                    return
            hand(_DONE)
        except BaseException as error:  # noqa: BLE001 - handed over and raised again in the caller's thread
            hand(error)

    worker = threading.Thread(target=produce, name=f"ingestion-prepare-{source}", daemon=True)
    worker.start()
    try:
        while True:
            item = handoff.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()


# --- in a child process ------------------------------------------------------------------------------
# Two one-way pipes. A thread of this process reads the source and sends each chunk to the
# child; the child sends back each chunk prepared. A pipe holds 64 KiB: a sender waits
# until the other side reads, so that neither side runs more than about a chunk ahead.


class PreparingProcessFailed(RuntimeError):
    """The child process preparing the payloads died or failed."""


def _leave_parent_resources(parent_ends: tuple[Connection, ...]) -> None:
    """Let go of what the fork copied from the parent and the child must not hold.

    - The parent's ends of the pipes: holding them, the child would never see the parent end.
    - The parent's database sockets: while a copy is open, a parent killed with kill -9 keeps
      its session, and the run's lock, alive on the server. The descriptor is pointed at
      /dev/null rather than closed, so that its number is never reused under the
      connection object the child still has (and never uses).
    """
    for end in parent_ends:
        end.close()
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        for wrapper in connections.all(initialized_only=True):
            if wrapper.connection is not None:
                os.dup2(devnull, wrapper.connection.fileno())
    finally:
        os.close(devnull)


def _child_main(source: str, inbox: Connection, outbox: Connection, parent_ends: tuple[Connection, ...]) -> None:
    """The child: prepare each chunk received, until the end marker (None) or the parent's end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which then stops the child
    _leave_parent_resources(parent_ends)
    try:
        while (chunk := inbox.recv()) is not None:
            outbox.send(("chunk", _chunk_prepare(source, chunk)))
        outbox.send(("end", None))
    except (EOFError, BrokenPipeError):
        return  # the parent stopped reading (it failed, or was killed): nothing left to do
    except BaseException as error:  # noqa: BLE001 - sent to the parent, which raises it
        try:
            outbox.send(("error", pickle.dumps(error)))
        except Exception:  # noqa: BLE001 - an error that cannot be pickled goes as its traceback
            outbox.send(("error", pickle.dumps(PreparingProcessFailed(traceback.format_exc()))))


def _in_child_process(source: str, chunks: Iterator[list[Any]]) -> Iterator[list[PreparedPayload]]:
    context = multiprocessing.get_context("fork")
    inbox_reader, inbox_writer = context.Pipe(duplex=False)
    outbox_reader, outbox_writer = context.Pipe(duplex=False)
    # The child only computes: it lets go of the database sockets it inherits, and leaves
    # through os._exit (multiprocessing's way), which closes nothing on the parent's behalf.
    child = context.Process(
        target=_child_main,
        args=(source, inbox_reader, outbox_writer, (inbox_writer, outbox_reader)),
        name=f"ingestion-prepare-{source}",
        daemon=True,
    )
    # The objects alive now outlive the run: frozen, the garbage collector leaves them alone
    # until it ends, in this process (a full collection went through all of them: ~3 s of the
    # writing thread per 100k payloads in bench/ingest.py) and in the child, whose
    # collections would otherwise copy every page they touch (copy-on-write).
    gc.freeze()
    try:
        child.start()
    except BaseException:
        gc.unfreeze()
        raise
    inbox_reader.close()
    outbox_writer.close()
    source_error: list[BaseException] = []

    def feed() -> None:
        with inbox_writer:
            try:
                for chunk in chunks:
                    inbox_writer.send(chunk)
            except OSError:
                return  # the child is gone (a broken pipe): the reading side says why
            except BaseException as error:  # noqa: BLE001 - raised in the caller's thread after the chunks before it
                source_error.append(error)
            try:
                inbox_writer.send(None)
            except OSError:
                return

    feeder = threading.Thread(target=feed, name=f"ingestion-read-{source}", daemon=True)
    try:
        feeder.start()  # inside: if it fails, the child is stopped and the objects unfrozen all the same
        while True:
            try:
                kind, value = outbox_reader.recv()
            except EOFError:
                child.join(timeout=5)
                raise PreparingProcessFailed(
                    f"Le processus qui prépare les offres {source} s'est arrêté (code {child.exitcode})."
                ) from None
            if kind == "chunk":
                yield value
            elif kind == "error":
                raise pickle.loads(value)
            else:
                feeder.join()
                if source_error:
                    raise source_error[0]
                return
    finally:
        gc.unfreeze()
        if child.is_alive():
            child.kill()
        child.join(timeout=5)
        outbox_reader.close()
        # The feeder, if still reading the source, stops at its next send: the child is gone.
