"""Read documents from files, folders and standard input; every bad input becomes a Rejection.

A batch never stops on one bad file or line: each problem is reported with a short, specific
reason and the rest goes on. Duplicates are dropped visibly (as rejections) so that counts add
up. Line-based inputs (.jsonl, .jsonl.gz, stdin) are streamed: the corpus is read in one go.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, cast

from rasd.model import Document, Rejection

STDIN_ORIGIN = "<stdin>"
_CHUNK = 1 << 16
_SNIFF = 8192
_TEXT_KEYS = ("text", "body", "content")
_PUBLISHED_KEYS = ("published", "date", "published_at")
_OPTIONAL_KEYS = ("title", "url", "outlet", "lang")
_KINDS = {
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class BadDocument(ValueError):
    """A document that cannot be used; the message names the document and the reason."""

    def __init__(self, doc: str, reason: str) -> None:
        super().__init__(f"{doc}: {reason}")
        self.doc = doc
        self.reason = reason


class _Unreadable(Exception):
    """A whole input (file, stdin) that yields no document; `reason` is the rejection's."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class IngestItem:
    """One thing read: a Document or a Rejection (exactly one is set)."""

    document: Document | None
    rejection: Rejection | None

    def __post_init__(self) -> None:
        if (self.document is None) == (self.rejection is None):
            raise ValueError(f"IngestItem needs exactly one of document/rejection, got {self!r}")


@dataclass(frozen=True)
class Limits:
    """What a document must satisfy to be processed (text length and share of Arabic letters)."""

    max_chars: int = 500_000
    min_arabic_ratio: float = 0.3
    min_chars: int = 20

    def __post_init__(self) -> None:
        if not 0 < self.min_chars <= self.max_chars:
            raise ValueError(f"Limits need 0 < min_chars <= max_chars, got {self.min_chars}, {self.max_chars}")
        if not 0.0 <= self.min_arabic_ratio <= 1.0:
            raise ValueError(f"Limits.min_arabic_ratio must be in [0, 1], got {self.min_arabic_ratio}")


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class _Line:
    """One line of a line-based input: its decoded text, or why it could not be decoded."""

    number: int
    text: str | None
    error: str | None = None


# ---------------------------------------------------------------- documents


def document_id(text: str) -> str:
    """The id of a document that has none: a content hash, stable across runs and machines."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _optional_str(record: dict[str, Any], key: str, doc: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise BadDocument(doc, f"field {key!r} is not a string: {value!r}"[:200])
    return value


def _first_key(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    return next((k for k in keys if record.get(k) is not None), None)


def document_from_record(record: dict[str, Any], origin: str) -> Document:
    """A Document from a corpus-format record (id, text, title, url, outlet, published)."""
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int | type(None)):
        raise BadDocument(origin, f"field 'id' is not a string: {raw_id!r}"[:200])
    given_id = str(raw_id).strip() if raw_id is not None else ""
    name = given_id or origin
    text_key = _first_key(record, _TEXT_KEYS)
    if text_key is None:
        raise BadDocument(name, "no text field")
    text = record[text_key]
    if not isinstance(text, str):
        raise BadDocument(name, f"field {text_key!r} is not a string: {type(text).__name__}")
    if not text.strip():
        raise BadDocument(name, "text is empty")
    pub_key = _first_key(record, _PUBLISHED_KEYS)
    extra = {k: _optional_str(record, k, name) for k in _OPTIONAL_KEYS}
    return Document(
        id=given_id or document_id(text),
        text=text,
        published=_optional_str(record, pub_key, name) if pub_key else None,
        origin=origin,
        **extra,
    )


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class of the given characters, as ranges (kept short for speed)."""
    codes = sorted(ord(c) for c in chars)
    ranges: list[list[int]] = []
    for o in codes:
        if ranges and o == ranges[-1][1] + 1:
            ranges[-1][1] = o
        else:
            ranges.append([o, o])
    return "[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges) + "]"


_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_NOT_ARABIC_LETTER = re.compile(
    "[^" + _char_class(chr(o) for a, b in _ARABIC_BLOCKS for o in range(a, b + 1) if chr(o).isalpha())[1:] + "+"
)


def arabic_ratio(text: str, sample: int = 2000) -> float:
    """Share of letters that are Arabic (digits, punctuation, spaces and diacritics do not count).

    A long text is measured on every k-th character (about `sample` of them, spread over the whole
    text): exact enough to tell Arabic from not, and it keeps the check off the ingest profile.
    """
    if len(text) > sample:
        text = text[:: len(text) // sample + 1]
    letters = sum(map(str.isalpha, text))
    return len(_NOT_ARABIC_LETTER.sub("", text)) / letters if letters else 0.0


def check_document(doc: Document, limits: Limits = DEFAULT_LIMITS) -> None:
    """Raise BadDocument if the text is empty, too large, too short or not Arabic."""
    n = len(doc.text)
    if not doc.text.strip():
        raise BadDocument(doc.id, "text is empty")
    if n > limits.max_chars:
        raise BadDocument(doc.id, f"document too large: {n} characters > {limits.max_chars}")
    stripped = len(doc.text.strip())
    if stripped < limits.min_chars:
        raise BadDocument(doc.id, f"text too short: {stripped} characters < {limits.min_chars}")
    ratio = arabic_ratio(doc.text)
    if ratio < limits.min_arabic_ratio:
        raise BadDocument(doc.id, f"not Arabic: {int(ratio * 100)}% Arabic letters")


def _checked(doc: Document, limits: Limits) -> IngestItem:
    try:
        check_document(doc, limits)
    except BadDocument as e:
        return IngestItem(None, Rejection(e.doc, e.reason, doc.origin))
    return IngestItem(doc, None)


def _rejected(doc: str, reason: str, origin: str | None = None) -> IngestItem:
    return IngestItem(None, Rejection(doc, reason, origin if origin is not None else doc))


# ---------------------------------------------------------------- decoding


def _split_bom(head: bytes) -> tuple[str, int]:
    """The encoding a byte-order mark announces (UTF-8 without one) and the mark's length."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    return "utf-8", 0


def _decode_error(e: UnicodeDecodeError, base: int, encoding: str) -> str:
    label = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
    at = base + e.start
    if e.start >= len(e.object):
        return f"not {label}: truncated character at offset {at}"
    return f"not {label}: invalid byte 0x{e.object[e.start]:02x} at offset {at}"


@dataclass(frozen=True)
class _Decoded:
    """A decoded input; `text` is None when it exceeded the size limit (`n_chars` still counted)."""

    text: str | None
    n_chars: int


def _decode_chunks(chunks: Iterable[bytes], max_chars: int) -> _Decoded:
    """Decode a byte stream chunk by chunk, keeping at most max_chars characters in memory."""
    it = iter(chunks)
    first = next(it, b"")
    if not first:
        raise _Unreadable("empty file")
    encoding, skip = _split_bom(first)
    wide = encoding.startswith("utf-16")
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    parts: list[str] = []
    n_chars, offset, over = 0, skip, False
    for chunk, final in chain([(first[skip:], False)], ((c, False) for c in it), [(b"", True)]):
        if not wide and b"\x00" in chunk:
            raise _Unreadable("binary file (NUL bytes)")
        pending = len(decoder.getstate()[0])
        try:
            piece = decoder.decode(chunk, final=final)
        except UnicodeDecodeError as e:
            raise _Unreadable(_decode_error(e, offset - pending, encoding)) from None
        offset += len(chunk)
        n_chars += len(piece)
        over = over or n_chars > max_chars
        if over:
            parts.clear()
        else:
            parts.append(piece)
    if wide and "\x00" in "".join(parts):
        raise _Unreadable("binary file (NUL bytes)")
    return _Decoded(None if over else "".join(parts), n_chars)


def _decode_text_chunks(chunks: Iterable[str], max_chars: int) -> _Decoded:
    """The same size accounting for a stream that is already text (a text-mode stdin)."""
    parts: list[str] = []
    n_chars = 0
    for piece in chunks:
        n_chars += len(piece)
        if n_chars <= max_chars:
            parts.append(piece)
    if n_chars == 0:
        raise _Unreadable("empty file")
    return _Decoded("".join(parts) if n_chars <= max_chars else None, n_chars)


def _binary_lines(lines: Iterable[bytes]) -> Iterator[_Line]:
    """Decode UTF-8 lines one by one, so that one bad line does not cost the others."""
    n = 0
    try:
        for n, raw in enumerate(lines, 1):
            if n == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                yield _Line(n, raw.decode("utf-8"))
            except UnicodeDecodeError as e:
                yield _Line(n, None, _decode_error(e, 0, "utf-8"))
    except (OSError, EOFError, zlib.error) as e:
        yield _Line(n + 1, None, f"cannot read past line {n}: {e}")


def _text_lines(lines: Iterable[str], encoding: str = "text") -> Iterator[_Line]:
    n = 0
    try:
        for n, line in enumerate(lines, 1):
            yield _Line(n, line)
    except UnicodeDecodeError as e:
        yield _Line(n + 1, None, f"not {encoding}: cannot decode line {n + 1} ({e.reason})")
    except (OSError, EOFError, zlib.error) as e:
        yield _Line(n + 1, None, f"cannot read past line {n}: {e}")


# ---------------------------------------------------------------- records


def _item_from_record(record: Any, where: str, limits: Limits) -> IngestItem:
    if not isinstance(record, dict):
        return _rejected(where, f"not a JSON object: {type(record).__name__}")
    try:
        doc = document_from_record(record, where)
    except BadDocument as e:
        return IngestItem(None, Rejection(e.doc, e.reason, where))
    return _checked(doc, limits)


def _json_error(e: json.JSONDecodeError, line: int) -> str:
    """As json words it, with the file's line: "malformed JSON: Expecting ':' delimiter: line 3 column 9"."""
    return f"malformed JSON: {e.msg}: line {line} column {e.colno}"


def _records_from_lines(lines: Iterable[_Line], origin: str, limits: Limits) -> Iterator[IngestItem]:
    """One item per non-blank line of a JSON-lines input; a bad line is rejected, the rest goes on."""
    empty = True
    for line in lines:
        where = f"{origin}:{line.number}"
        if line.text is None:
            empty = False
            yield _rejected(where, line.error or "unreadable line")
            continue
        if not line.text.strip():
            continue
        empty = False
        try:
            record = json.loads(line.text.rstrip("\r\n"))
        except json.JSONDecodeError as e:
            yield _rejected(where, _json_error(e, line.number))
            continue
        yield _item_from_record(record, where, limits)
    if empty:
        yield _rejected(origin, "empty file")


# ---------------------------------------------------------------- files


def _chunks(f: IO[bytes]) -> Iterator[bytes]:
    return iter(lambda: f.read(_CHUNK), b"")


def _too_large(doc: str, n_chars: int, limit: int, origin: str, what: str = "document") -> IngestItem:
    return _rejected(doc, f"{what} too large: {n_chars} characters > {limit}", origin)


def _read_txt(f: IO[bytes], path: Path, limits: Limits) -> Iterator[IngestItem]:
    """A .txt file is one document: the whole file is the text, its stem the id."""
    decoded = _decode_chunks(_chunks(f), limits.max_chars)
    if decoded.text is None:
        yield _too_large(path.stem, decoded.n_chars, limits.max_chars, str(path))
        return
    yield _checked(Document(id=path.stem, text=decoded.text, origin=str(path)), limits)


def _read_html(f: IO[bytes], path: Path, limits: Limits) -> Iterator[IngestItem]:
    """A web page is one document; its markup may be far longer than its text, hence the wider cap."""
    from rasd.ingest.html import document_from_html  # html.py imports this module

    cap = limits.max_chars * 10
    decoded = _decode_chunks(_chunks(f), cap)
    if decoded.text is None:
        yield _too_large(str(path), decoded.n_chars, cap, str(path), what="HTML")
        return
    try:
        doc = document_from_html(decoded.text, origin=str(path))
    except BadDocument as e:
        yield _rejected(e.doc, e.reason, str(path))
        return
    except Exception as e:  # a third-party parser must not stop the batch
        yield _rejected(str(path), f"cannot extract HTML: {type(e).__name__}: {e}"[:200])
        return
    yield _checked(doc, limits)


def _read_json(f: IO[bytes], path: Path, limits: Limits) -> Iterator[IngestItem]:
    """A .json file holds one record or a list of records (read whole: use .jsonl for big inputs)."""
    text = _decode_chunks(_chunks(f), sys.maxsize).text or ""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        yield _rejected(str(path), _json_error(e, e.lineno))
        return
    if isinstance(data, list):
        if not data:
            yield _rejected(str(path), "empty file")
        for i, record in enumerate(data):
            yield _item_from_record(record, f"{path}[{i}]", limits)
    else:
        yield _item_from_record(data, str(path), limits)


def _read_jsonl(f: IO[bytes], path: Path, limits: Limits) -> Iterator[IngestItem]:
    """JSON lines, streamed: UTF-8 line by line, or UTF-16 when the file starts with its mark."""
    encoding, _ = _split_bom(f.read(2))
    f.seek(0)
    if encoding.startswith("utf-16"):
        lines: Iterator[_Line] = _text_lines(io.TextIOWrapper(f, encoding="utf-16"), "UTF-16")
    else:
        lines = _binary_lines(f)
    yield from _records_from_lines(lines, str(path), limits)


_READERS = {"txt": _read_txt, "html": _read_html, "json": _read_json, "jsonl": _read_jsonl}


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    return next((kind for suffix, kind in _KINDS.items() if name.endswith(suffix)), None)


def _os_reason(e: OSError) -> str:
    if isinstance(e, gzip.BadGzipFile):
        return f"not gzip: {e}"
    if isinstance(e, FileNotFoundError):
        return "no such file"
    return f"cannot read: {(e.strerror or str(e)).lower()}"


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return path.open("rb")


def _read_file(path: Path, limits: Limits) -> Iterator[IngestItem]:
    """All items of one file; whatever goes wrong with the file as a whole is one rejection."""
    origin = str(path)
    if not path.exists():
        yield _rejected(origin, "no such file")
        return
    kind = _kind(path)
    if kind is None:
        yield _rejected(origin, f"unsupported file type {path.suffix.lower() or '(no extension)'}")
        return
    try:
        with _open(path) as f:
            head = f.read(_SNIFF)
            if not head:
                raise _Unreadable("empty file")
            if not _split_bom(head)[0].startswith("utf-16") and b"\x00" in head:
                raise _Unreadable("binary file (NUL bytes)")
            f.seek(0)
            yield from _READERS[kind](f, path, limits)
    except _Unreadable as e:
        yield _rejected(origin, e.reason)
    except OSError as e:
        yield _rejected(origin, _os_reason(e))
    except (EOFError, zlib.error) as e:
        yield _rejected(origin, f"corrupt gzip: {e}")


def _walk(root: Path) -> Iterator[Path]:
    """Files under a folder, depth first in sorted order; hidden files and folders are skipped."""
    entries = sorted(root.iterdir(), key=lambda p: p.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            yield from _walk(entry)
        elif entry.is_file():
            yield entry


# ---------------------------------------------------------------- standard input


def _first_char(buf: bytes | str) -> str:
    if isinstance(buf, bytes):
        buf = buf.removeprefix(codecs.BOM_UTF8).decode("utf-8", "replace")
    return buf.lstrip("\ufeff \t\r\n")[:1]


def _prepend_lines(prefix: Any, stream: IO[Any]) -> Iterator[Any]:
    """Lines of `prefix` + the rest of `stream`, splitting on newline only (not on U+2028)."""
    nl = b"\n" if isinstance(prefix, bytes) else "\n"
    pieces = prefix.split(nl)
    for piece in pieces[:-1]:
        yield piece + nl
    tail = pieces[-1] + stream.readline()
    if tail:
        yield tail
    yield from stream


def _read_stream(stream: IO[Any], limits: Limits) -> Iterator[IngestItem]:
    """Standard input: JSON lines if it starts with '{', else one plain-text document."""
    buf = stream.read(_SNIFF)
    while buf and not _first_char(buf):
        more = stream.read(_SNIFF)
        if not more:
            break
        buf += more
    if not buf:
        raise _Unreadable("empty input")
    binary = isinstance(buf, bytes)
    if _first_char(buf) == "{":
        raw = _prepend_lines(buf, stream)
        yield from _records_from_lines(_binary_lines(raw) if binary else _text_lines(raw), STDIN_ORIGIN, limits)
        return
    rest = iter(lambda: stream.read(_CHUNK), b"" if binary else "")
    if binary:
        decoded = _decode_chunks(chain([buf], rest), limits.max_chars)
    else:
        decoded = _decode_text_chunks(chain([buf.removeprefix("\ufeff")], rest), limits.max_chars)
    if decoded.text is None:
        yield _too_large(STDIN_ORIGIN, decoded.n_chars, limits.max_chars, STDIN_ORIGIN)
        return
    yield _checked(Document(id=document_id(decoded.text), text=decoded.text, origin=STDIN_ORIGIN), limits)


def _read_stdin(stdin: TextIO | BinaryIO | None, limits: Limits) -> Iterator[IngestItem]:
    stream: IO[Any] = stdin if stdin is not None else sys.stdin.buffer
    try:
        yield from _read_stream(stream, limits)
    except _Unreadable as e:
        yield _rejected(STDIN_ORIGIN, e.reason)
    except OSError as e:
        yield _rejected(STDIN_ORIGIN, _os_reason(e))


# ---------------------------------------------------------------- batch


class _Seen:
    """Ids and text hashes already accepted in this batch, to reject repeats with a reason."""

    def __init__(self) -> None:
        self._by_id: dict[str, bytes] = {}
        self._by_text: dict[bytes, str] = {}

    def duplicate(self, doc: Document) -> str | None:
        """Why `doc` repeats an accepted document, or None (and then remember it)."""
        digest = hashlib.sha1(doc.text.encode("utf-8")).digest()
        known = self._by_id.get(doc.id)
        if known is not None:
            return f"duplicate of {doc.id} (same text)" if known == digest else "duplicate id with different text"
        first = self._by_text.get(digest)
        if first is not None:
            return f"duplicate of {first} (same text)"
        self._by_id[doc.id] = digest
        self._by_text[digest] = doc.id
        return None


def _read_all(paths: Iterable[str], limits: Limits, stdin: TextIO | BinaryIO | None) -> Iterator[IngestItem]:
    for arg in [paths] if isinstance(paths, str) else paths:
        if arg == "-":
            yield from _read_stdin(stdin, limits)
            continue
        path = Path(arg)
        if path.is_dir():
            for file in _walk(path):
                yield from _read_file(file, limits)
        else:
            yield from _read_file(path, limits)


def read_paths(
    paths: Iterable[str], limits: Limits = DEFAULT_LIMITS, stdin: TextIO | BinaryIO | None = None
) -> Iterator[IngestItem]:
    """Every document (or rejection) from files, folders (recursively, sorted) and '-' for stdin.

    Lazy and streaming; never raises for bad input. Duplicates across the whole batch are rejected.
    """
    seen = _Seen()
    for item in _read_all(paths, limits, stdin):
        doc = item.document
        reason = seen.duplicate(doc) if doc is not None else None
        if doc is not None and reason is not None:
            item = IngestItem(None, Rejection(doc.id, reason, doc.origin))
        yield item
