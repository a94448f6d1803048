"""Run extraction over a stream of ingested items, in one process or several, never dying on one document."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rasd.model import Document, Rejection, Report


@dataclass
class Outcome:
    """What one ingested item became: its reports, or the reason it was rejected."""

    doc: str
    reports: list[Report] = field(default_factory=list)
    rejection: Rejection | None = None
    document: Document | None = None  # the document itself, for a caller that stores it


def extract_one(doc: Document) -> Outcome:
    from rasd.pipeline import extract

    try:
        return Outcome(doc.id, extract(doc), document=doc)
    except Exception as e:  # noqa: BLE001 - the batch's fault barrier: one bad document must not stop the rest
        return Outcome(doc.id, rejection=Rejection(doc.id, f"extraction failed: {type(e).__name__}: {e}", doc.origin))


def _warm() -> None:
    from rasd.recognize.matcher import default_matcher

    default_matcher()


def run(items: Iterable[Document | Rejection], workers: int = 1) -> Iterator[Outcome]:
    """Outcomes in input order; rejections from ingest pass straight through."""
    if workers <= 1:
        for it in items:
            yield Outcome(it.doc, rejection=it) if isinstance(it, Rejection) else extract_one(it)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers, initializer=_warm) as pool:
        yield from pool.imap(_dispatch, items, chunksize=8)


def _dispatch(it: Document | Rejection) -> Outcome:
    return Outcome(it.doc, rejection=it) if isinstance(it, Rejection) else extract_one(it)
