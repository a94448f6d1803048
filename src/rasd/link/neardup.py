"""Near-duplicate documents (a wire story republished, a corrected version): word-shingle Jaccard similarity.

Two texts published within days of each other that share most of their four-word shingles are one story; the later
one is linked to the first rather than counted as another source. Reports of different incidents written from one
template (another town, another day, another toll) change a shingle around every changed word and stay below the
threshold; a republication with a sentence changed keeps most of them.
"""

from __future__ import annotations

import zlib

from rasd.text.normalize import normalize

SHINGLE = 4
THRESHOLD = 0.7
LENGTH_RATIO = 0.6  # texts whose lengths differ more than this cannot be one story
SAMPLE = 4  # keep the shingles whose hash is 0 modulo this: a quarter of them estimate the similarity as well


def shingles(text: str) -> frozenset[int]:
    words = normalize(text).text.split()
    if len(words) < SHINGLE:
        return frozenset({zlib.crc32(" ".join(words).encode())})
    return frozenset(zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1))


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def near(a: frozenset[int], b: frozenset[int]) -> bool:
    if min(len(a), len(b)) < LENGTH_RATIO * max(len(a), len(b)):
        return False
    return similarity(a, b) >= THRESHOLD


SAMPLE_FROM = 200  # a shorter text keeps every shingle: a sample of a few would make a noisy estimate


def signature(text: str) -> str:
    """The stored form of a text's shingles, sampled when there are many (computed once, when it is stored)."""
    every = shingles(text)
    kept = sorted(h for h in every if h % SAMPLE == 0) if len(every) > SAMPLE_FROM else sorted(every)
    return " ".join(map(str, kept or sorted(every)[:1]))


def parse(sig: str | None) -> frozenset[int]:
    return frozenset(map(int, (sig or "").split()))


SKETCH = 16  # signatures are sorted: their first values are a bottom-k sketch of the text


def near_signatures(a: str, b: str, a_set: frozenset[int] | None = None) -> bool:
    """`near` on stored signatures, cheap for the many that differ: sizes first, then the sketches, then all."""
    na, nb = a.count(" ") + 1, b.count(" ") + 1
    if min(na, nb) < LENGTH_RATIO * max(na, nb):
        return False
    sa, sb = set(a.split(" ", SKETCH)[:SKETCH]), set(b.split(" ", SKETCH)[:SKETCH])
    if len(sa & sb) < THRESHOLD * min(len(sa), len(sb)) / 2:
        return False
    return near(a_set if a_set is not None else parse(a), parse(b))
