"""Near-duplicate documents (a wire story republished, a corrected version) by 64-bit SimHash of word shingles.

Two texts whose fingerprints differ in at most MAX_BITS bits are the same story; the later one is linked to the
first rather than counted as another source.
"""

from __future__ import annotations

import hashlib

from rasd.text.normalize import normalize

SHINGLE = 3
MAX_BITS = 3


def simhash(text: str) -> int:
    words = normalize(text).text.split()
    shingles = [" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))]
    weights = [0] * 64
    for s in shingles:
        h = int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if h >> bit & 1 else -1
    value = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    return value - (1 << 64) if value >= 1 << 63 else value  # fits a signed 64-bit column


def distance(a: int, b: int) -> int:
    return bin((a ^ b) & ((1 << 64) - 1)).count("1")


def near(a: int, b: int) -> bool:
    return distance(a, b) <= MAX_BITS
