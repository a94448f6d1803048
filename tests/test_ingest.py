"""Ingest: every input type, every rejection reason, duplicates, stdin, folders, HTML metadata."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from rasd.ingest import (
    BadDocument,
    IngestItem,
    Limits,
    arabic_ratio,
    document_from_html,
    document_from_record,
    document_id,
    read_paths,
)
from rasd.model import Document, Rejection

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

CLASH = "اندلعت اشتباكات عنيفة بين مجموعتين مسلحتين في قرية السويدة بريف حلب الشمالي، ما أدى إلى مقتل مسلح."
RAID = "داهمت قوة أمنية منزلا في حي الزهراء بمدينة الموصل واعتقلت مطلوبين اثنين بتهمة زرع عبوات ناسفة."
SHELLING = "قصفت المدفعية أطراف بلدة الهبيط جنوب إدلب ظهر الجمعة، دون ورود أنباء عن إصابات بين المدنيين."


def split(items: Iterable[IngestItem]) -> tuple[list[Document], list[Rejection]]:
    docs, rejections = [], []
    for item in items:
        if item.document is not None:
            docs.append(item.document)
        if item.rejection is not None:
            rejections.append(item.rejection)
    return docs, rejections


def jsonl(*records: object) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def only_rejection(items: Iterable[IngestItem]) -> Rejection:
    docs, rejections = split(items)
    assert docs == []
    assert len(rejections) == 1, rejections
    return rejections[0]


# ---------------------------------------------------------------- input types


def test_txt_file_is_one_document_named_by_its_stem() -> None:
    docs, rejections = split(read_paths([str(FIXTURES / "clash-hama.txt")]))
    assert rejections == []
    [doc] = docs
    assert doc.id == "clash-hama"
    assert doc.text == (FIXTURES / "clash-hama.txt").read_text(encoding="utf-8")
    assert doc.published is None
    assert doc.origin == str(FIXTURES / "clash-hama.txt")


def test_jsonl_records_with_field_aliases() -> None:
    docs, rejections = split(read_paths([str(FIXTURES / "records.jsonl")]))
    assert rejections == []
    assert [d.id for d in docs] == ["inv-001", "inv-002", "inv-003"]
    assert [d.published for d in docs] == ["2023-03-07", "2023-03-08T21:15:00+03:00", "2023-03-09"]
    assert docs[0].title == "مقتل مسلحين في ريف دير الزور"
    assert docs[0].outlet == "وكالة المثال"
    assert docs[0].url == "https://example.org/a/1"
    assert docs[1].text.startswith("أصيب أربعة مدنيين")  # from "body"
    assert docs[2].text.startswith("اعتقلت قوة أمنية")  # from "content"


def test_jsonl_origin_counts_blank_lines() -> None:
    docs, _ = split(read_paths([str(FIXTURES / "records.jsonl")]))
    assert [d.origin for d in docs] == [f"{FIXTURES / 'records.jsonl'}:{n}" for n in (1, 2, 4)]


@pytest.mark.parametrize("name", ["batch.jsonl.gz", "batch.ndjson", "BATCH.JSONL"])
def test_jsonl_variants(tmp_path: Path, name: str) -> None:
    data = jsonl({"id": "a", "text": CLASH}, {"id": "b", "text": RAID}).encode("utf-8")
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    docs, rejections = split(read_paths([str(path)]))
    assert rejections == []
    assert [(d.id, d.text) for d in docs] == [("a", CLASH), ("b", RAID)]


def test_json_file_with_a_list_of_records() -> None:
    docs, rejections = split(read_paths([str(FIXTURES / "list.json")]))
    assert rejections == []
    assert [d.id for d in docs] == ["inv-101", "inv-102"]
    assert docs[1].origin == f"{FIXTURES / 'list.json'}[1]"


def test_json_file_with_one_object() -> None:
    docs, _ = split(read_paths([str(FIXTURES / "more" / "single.json")]))
    assert [(d.id, d.outlet) for d in docs] == [("inv-201", "إذاعة المثال")]


def test_folder_is_read_recursively_in_sorted_order() -> None:
    docs, rejections = split(read_paths([str(FIXTURES)]))
    assert rejections == []
    files = [Path(d.origin or "").relative_to(FIXTURES).as_posix().split(":")[0].split("[")[0] for d in docs]
    assert files == [
        "clash-hama.txt",
        "jsonld-published.html",
        "list.json",
        "list.json",
        "meta-published.html",
        "more/single.json",
        "records.jsonl",
        "records.jsonl",
        "records.jsonl",
        "time-published.html",
    ]


def test_hidden_files_in_a_folder_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".draft.txt").write_text(CLASH, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(RAID, encoding="utf-8")
    docs, rejections = split(read_paths([str(tmp_path)]))
    assert [d.id for d in docs] == ["ok"] and rejections == []


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_accepted_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(CLASH.encode(encoding))
    docs, rejections = split(read_paths([str(path)]))
    assert rejections == []
    assert docs[0].text == CLASH  # the byte-order mark is not part of the text


def test_utf16_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes(jsonl({"id": "w1", "text": CLASH}, {"id": "w2", "text": RAID}).encode("utf-16"))
    docs, rejections = split(read_paths([str(path)]))
    assert rejections == [] and [d.id for d in docs] == ["w1", "w2"]


# ---------------------------------------------------------------- records


def test_record_without_id_gets_a_content_hash() -> None:
    doc = document_from_record({"text": CLASH}, "x.jsonl:1")
    assert doc.id == document_id(CLASH)
    assert doc.id.startswith("sha1:") and len(doc.id) == len("sha1:") + 16
    assert document_id(RAID) != doc.id


def test_numeric_record_id_becomes_a_string() -> None:
    assert document_from_record({"id": 42, "text": CLASH}, "x").id == "42"


def test_bad_record_field_is_named() -> None:
    with pytest.raises(BadDocument, match="'title'") as info:
        document_from_record({"id": "d1", "text": CLASH, "title": ["ليس نصا"]}, "x.jsonl:3")
    assert info.value.doc == "d1"


def test_limits_reject_nonsense() -> None:
    with pytest.raises(ValueError, match="min_chars"):
        Limits(min_chars=0)


# ---------------------------------------------------------------- rejections (one per reason)


def test_reject_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    assert only_rejection(read_paths([str(tmp_path / "empty.txt")])).reason == "empty file"


def test_reject_binary_file(tmp_path: Path) -> None:
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert only_rejection(read_paths([str(tmp_path / "img.txt")])).reason == "binary file (NUL bytes)"


@pytest.mark.parametrize("head", ["هجوم على", "a" + "ا" * 40_000], ids=["short", "past-a-read-chunk"])
def test_reject_not_utf8_with_byte_and_offset(tmp_path: Path, head: str) -> None:
    raw = head.encode()  # the long head puts a two-byte letter across the 64 KiB read boundary
    (tmp_path / "latin.txt").write_bytes(raw + b" caf\xe9 " + CLASH.encode())
    rejection = only_rejection(read_paths([str(tmp_path / "latin.txt")]))
    assert rejection.reason == f"not UTF-8: invalid byte 0xe9 at offset {len(raw) + 4}"


def test_reject_malformed_json_line_with_its_number(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text(jsonl({"id": "w", "text": CLASH}) + '{"id": "x", "text": "ناقص}\n', "utf-8")
    docs, [rejection] = split(read_paths([str(tmp_path / "b.jsonl")]))
    assert [d.id for d in docs] == ["w"]
    assert rejection.reason == "malformed JSON: Unterminated string starting at: line 2 column 21"
    assert rejection.doc == f"{tmp_path / 'b.jsonl'}:2"


def test_reject_malformed_json_file_with_line(tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text('[\n{"id": "x",\n "text" "نص"}\n]', encoding="utf-8")
    rejection = only_rejection(read_paths([str(tmp_path / "b.json")]))
    assert rejection.reason == "malformed JSON: Expecting ':' delimiter: line 3 column 9"


def test_reject_record_that_is_not_an_object(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text('["قتل", "جرح"]\n', encoding="utf-8")
    assert only_rejection(read_paths([str(tmp_path / "b.jsonl")])).reason == "not a JSON object: list"


def test_reject_no_text_field(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text(jsonl({"id": "t1", "title": CLASH}), encoding="utf-8")
    rejection = only_rejection(read_paths([str(tmp_path / "b.jsonl")]))
    assert (rejection.doc, rejection.reason) == ("t1", "no text field")


def test_reject_empty_text(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text(jsonl({"id": "t2", "text": " \n "}), encoding="utf-8")
    rejection = only_rejection(read_paths([str(tmp_path / "b.jsonl")]))
    assert (rejection.doc, rejection.reason) == ("t2", "text is empty")


def test_reject_too_large(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text(CLASH * 3, encoding="utf-8")
    rejection = only_rejection(read_paths([str(tmp_path / "long.txt")], Limits(max_chars=150)))
    assert rejection.reason == f"document too large: {len(CLASH) * 3} characters > 150"
    assert rejection.doc == "long"


def test_reject_too_large_while_streaming(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text(CLASH * 2000, encoding="utf-8")  # past the 64 KiB read chunk
    rejection = only_rejection(read_paths([str(tmp_path / "long.txt")], Limits(max_chars=1000)))
    assert rejection.reason == f"document too large: {len(CLASH) * 2000} characters > 1000"


def test_reject_too_short(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text(jsonl({"id": "t3", "text": "قتيلان"}), encoding="utf-8")
    assert only_rejection(read_paths([str(tmp_path / "b.jsonl")])).reason == "text too short: 6 characters < 20"


def test_reject_not_arabic(tmp_path: Path) -> None:
    text = "Two gunmen were killed in a clash near the checkpoint on Monday evening, officials said " + "قتل"
    (tmp_path / "en.txt").write_text(text, encoding="utf-8")
    rejection = only_rejection(read_paths([str(tmp_path / "en.txt")]))
    assert rejection.reason == "not Arabic: 4% Arabic letters"


def test_arabic_ratio_ignores_digits_punctuation_and_diacritics() -> None:
    assert arabic_ratio("قُتِلَ 3 مسلحين، و2 جرحى!") == 1.0
    assert arabic_ratio("١٢٣ 456") == 0.0
    assert arabic_ratio("قتل kill") == pytest.approx(3 / 7)


def test_reject_unsupported_file_type(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7")
    assert only_rejection(read_paths([str(tmp_path / "report.pdf")])).reason == "unsupported file type .pdf"


def test_reject_missing_path(tmp_path: Path) -> None:
    rejection = only_rejection(read_paths([str(tmp_path / "missing.jsonl")]))
    assert (rejection.doc, rejection.reason) == (str(tmp_path / "missing.jsonl"), "no such file")


def test_reject_file_that_is_not_gzip(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl.gz").write_text(jsonl({"id": "g", "text": CLASH}), encoding="utf-8")
    assert only_rejection(read_paths([str(tmp_path / "b.jsonl.gz")])).reason.startswith("not gzip:")


def test_truncated_gzip_keeps_the_lines_before(tmp_path: Path) -> None:
    records = [{"id": f"z{i}", "text": f"{CLASH} رقم {i}"} for i in range(400)]
    packed = gzip.compress(jsonl(*records).encode("utf-8"))
    (tmp_path / "cut.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    docs, rejections = split(read_paths([str(tmp_path / "cut.jsonl.gz")]))
    assert 0 < len(docs) < 400 and [d.id for d in docs] == [f"z{i}" for i in range(len(docs))]
    assert len(rejections) == 1 and rejections[0].reason.startswith(f"cannot read past line {len(docs)}")


def test_reject_html_without_article_text() -> None:
    with pytest.raises(BadDocument, match="no article text"):
        document_from_html("<html><body><nav></nav></body></html>", "page.html")


# ---------------------------------------------------------------- batches and duplicates


def test_one_bad_line_does_not_stop_the_batch(tmp_path: Path) -> None:
    raw = jsonl({"id": "ok1", "text": CLASH}).encode() + b'{"id": "bad", "text": \xff}\n{broken\n'
    raw += jsonl({"id": "ok2", "text": RAID}).encode()
    (tmp_path / "mixed.jsonl").write_bytes(raw)
    docs, rejections = split(read_paths([str(tmp_path / "mixed.jsonl"), str(tmp_path / "nope.txt")]))
    assert [d.id for d in docs] == ["ok1", "ok2"]
    assert [r.doc.rsplit("/", 1)[-1] for r in rejections] == ["mixed.jsonl:2", "mixed.jsonl:3", "nope.txt"]
    assert rejections[0].reason == "not UTF-8: invalid byte 0xff at offset 22"


def test_duplicate_same_id_same_text(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(jsonl({"id": "d1", "text": CLASH}), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(jsonl({"id": "d1", "text": CLASH}), encoding="utf-8")
    docs, rejections = split(read_paths([str(tmp_path)]))
    assert [d.origin for d in docs] == [f"{tmp_path / 'a.jsonl'}:1"]
    assert [(r.doc, r.reason, r.origin) for r in rejections] == [
        ("d1", "duplicate of d1 (same text)", f"{tmp_path / 'b.jsonl'}:1")
    ]


def test_duplicate_text_under_another_id(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(jsonl({"id": "d1", "text": CLASH}, {"id": "d2", "text": CLASH}), "utf-8")
    docs, rejections = split(read_paths([str(tmp_path / "a.jsonl")]))
    assert [d.id for d in docs] == ["d1"]
    assert [(r.doc, r.reason) for r in rejections] == [("d2", "duplicate of d1 (same text)")]


def test_duplicate_id_with_different_text_keeps_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(jsonl({"id": "d1", "text": CLASH}, {"id": "d1", "text": RAID}), "utf-8")
    docs, rejections = split(read_paths([str(tmp_path / "a.jsonl")]))
    assert [d.text for d in docs] == [CLASH]
    assert [(r.doc, r.reason) for r in rejections] == [("d1", "duplicate id with different text")]


def test_rejected_document_does_not_count_as_seen(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(jsonl({"id": "d1", "text": CLASH}, {"id": "d1", "text": CLASH}), "utf-8")
    docs, rejections = split(read_paths([str(tmp_path / "a.jsonl")], Limits(max_chars=50)))
    assert docs == [] and [r.reason.split(":")[0] for r in rejections] == ["document too large"] * 2


# ---------------------------------------------------------------- standard input


def test_stdin_json_lines_binary() -> None:
    stream = io.BytesIO(b"\n  " + jsonl({"id": "s1", "text": CLASH}, {"text": RAID}).encode("utf-8"))
    docs, rejections = split(read_paths(["-"], stdin=stream))
    assert rejections == []
    assert [(d.id, d.origin) for d in docs] == [("s1", "<stdin>:2"), (document_id(RAID), "<stdin>:3")]


def test_stdin_json_lines_text_keeps_line_separators_inside_strings() -> None:
    text = CLASH + "\u2028" + SHELLING  # a LINE SEPARATOR inside a JSON string is not a line break
    docs, _ = split(read_paths(["-"], stdin=io.StringIO(jsonl({"id": "s2", "text": text}))))
    assert [d.text for d in docs] == [text]


@pytest.mark.parametrize("stream", [io.BytesIO(f"\n{CLASH}\n".encode()), io.StringIO(f"\n{CLASH}\n")])
def test_stdin_plain_text(stream: io.IOBase) -> None:
    docs, rejections = split(read_paths(["-"], stdin=stream))  # type: ignore[arg-type]
    assert rejections == []
    assert [(d.id, d.text, d.origin) for d in docs] == [(document_id(f"\n{CLASH}\n"), f"\n{CLASH}\n", "<stdin>")]


def test_stdin_empty() -> None:
    rejection = only_rejection(read_paths(["-"], stdin=io.BytesIO(b"")))
    assert (rejection.doc, rejection.reason) == ("<stdin>", "empty input")


def test_stdin_is_streamed() -> None:
    records = [{"id": f"r{i}", "text": f"{SHELLING} {i}"} for i in range(300)]
    stream = io.BytesIO(jsonl(*records).encode("utf-8"))
    first = next(read_paths(["-"], stdin=stream))
    assert first.document is not None and first.document.id == "r0"
    assert stream.tell() < len(stream.getvalue()) // 4  # only the head was read


# ---------------------------------------------------------------- HTML


def test_html_published_from_meta() -> None:
    docs, _ = split(read_paths([str(FIXTURES / "meta-published.html")]))
    [doc] = docs
    assert doc.published == "2023-05-14T23:40:00+03:00"
    assert doc.title == "هجوم على حاجز عسكري في ريف درعا"
    assert doc.outlet == "شبكة المثال"
    assert doc.url == "https://example.org/news/daraa-checkpoint"
    assert doc.id == document_id(doc.text)


def test_html_published_from_json_ld() -> None:
    docs, _ = split(read_paths([str(FIXTURES / "jsonld-published.html")]))
    assert [d.published for d in docs] == ["2023-08-02T06:05:00Z"]


def test_html_published_from_time_element() -> None:
    docs, _ = split(read_paths([str(FIXTURES / "time-published.html")]))
    assert [d.published for d in docs] == ["2022-11-20T14:30:00+03:00"]


def test_html_text_drops_boilerplate_and_keeps_arabic_intact() -> None:
    sentence = "قُتِلَ جنديٌّ وأُصيب آخرانِ في هجومٍ على «حاجز الطيبة» شرق درعا، يوم الأحد ٢٣ تشرين الأول."
    html = (
        "<html><head><title>خبر</title></head><body><nav>الرئيسية | رياضة | اقتصاد</nav>"
        f"<article><h1>هجوم على حاجز</h1><p>{sentence}</p><p>{SHELLING}</p></article>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    )
    doc = document_from_html(html, "page.html", url="https://example.org/x")
    assert sentence in doc.text
    assert "جميع الحقوق محفوظة" not in doc.text
    assert doc.url == "https://example.org/x" and doc.origin == "page.html"


# ---------------------------------------------------------------- the shared corpus


def test_shared_corpus_small_files_read_cleanly() -> None:
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"shared corpus not found at {corpus}")
    paths = [corpus / "seeds.jsonl", corpus / "jawharafm-2014-2017.jsonl"]
    n_lines = sum(1 for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
    docs, rejections = split(read_paths([str(p) for p in paths]))
    assert rejections == []
    assert len(docs) == n_lines
    assert all(d.published for d in docs)
