"""Ingest: read documents from files, folders and stdin, rejecting bad input with reasons."""

from rasd.ingest.html import document_from_html
from rasd.ingest.readers import (
    DEFAULT_LIMITS,
    BadDocument,
    IngestItem,
    Limits,
    arabic_ratio,
    check_document,
    document_from_record,
    document_id,
    read_paths,
)

__all__ = [
    "DEFAULT_LIMITS",
    "BadDocument",
    "IngestItem",
    "Limits",
    "arabic_ratio",
    "check_document",
    "document_from_html",
    "document_from_record",
    "document_id",
    "read_paths",
]
