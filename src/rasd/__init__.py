"""rasd (رصد): Arabic news articles in, coded conflict-event reports out."""

from rasd.model import Document, Rejection, Report

__all__ = ["Document", "Report", "Rejection", "extract"]


def extract(document: Document) -> list[Report]:
    """Event reports told by one document (see rasd.pipeline)."""
    from rasd.pipeline import extract as _extract

    return _extract(document)
