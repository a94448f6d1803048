"""Sentences and clauses of normalized text: the windows in which mentions are bound together."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?](?=\s|$|\")|\n")
_CLAUSE_END = re.compile(r"[,;:](?!\d)")


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    sentence: int  # index of its sentence
    paragraph: int


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int


def sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    start, paragraph = 0, 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if m.group(0) != "\n" else m.start()
        if text[start:end].strip():
            out.append(Sentence(len(out), start, end, paragraph))
        if m.group(0) == "\n":
            paragraph += 1
        start = m.end()
    if text[start:].strip():
        out.append(Sentence(len(out), start, len(text), paragraph))
    return out


def clauses(text: str, sentence: Sentence) -> list[Clause]:
    out: list[Clause] = []
    start = sentence.start
    for m in _CLAUSE_END.finditer(text, sentence.start, sentence.end):
        if text[start : m.start()].strip():
            out.append(Clause(start, m.start(), sentence.index, sentence.paragraph))
        start = m.end()
    if text[start : sentence.end].strip():
        out.append(Clause(start, sentence.end, sentence.index, sentence.paragraph))
    return out
