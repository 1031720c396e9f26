"""Near-duplicate articles: MinHash signatures of word shingles, found through an LSH index.

The same story reaches a corpus many times: syndicated copies, a fixed typo, a new byline or
dateline, an update with one more paragraph. Such copies share most of their word sequences,
so they are compared on those:

* **Words** (:func:`words`): the text NFKC-normalised and case-folded; apostrophes are
  deleted (``don't`` and ``don’t`` are ``dont``); every other run of punctuation, symbols,
  underscores and whitespace separates words.
* **Shingles** (:func:`shingles`): every run of ``size`` consecutive words (5 by default),
  hashed to 64 bits with BLAKE2b. The hash is keyed by nothing and salted by nothing, so a
  shingle hashes the same in every process, run and machine (Python's ``hash()`` of a
  string is salted per process and must not be used). A text with fewer words than ``size``
  is one shingle of all its words; a text with no words has no shingles.
* **Signature** (:func:`signature`): for each of ``permutations`` (128) hash functions, the
  smallest hash of the text's shingles (MinHash). Function ``i`` is the SplitMix64 finaliser
  applied to ``shingle XOR key[i]``, the keys drawn from a SplitMix64 stream started at
  ``seed``; the top 32 bits of each minimum are kept. The share of positions where two
  signatures agree (:func:`similarity`) estimates the Jaccard similarity of the two shingle
  sets, with a standard error of ``sqrt(J(1 - J) / 128)``: 0.035 at J = 0.8. A text with no
  words gets the all-ones signature, so two empty texts are identical (similarity 1.0).
  Only signatures made with the same ``permutations``, ``seed`` and shingle ``size`` can be
  compared.
* **Storage** (:func:`to_bytes`, :func:`from_bytes`): the signature as little-endian
  uint32, 512 bytes for 128 permutations: a BLOB for SQLite.
* **Index** (:class:`LshIndex`): the signature is cut into ``bands`` bands of ``rows``
  values; two documents become candidates when all rows of at least one band agree, so a
  pair with Jaccard similarity ``s`` becomes a candidate with probability
  ``1 - (1 - s**rows)**bands``. :func:`near_duplicates` then keeps the candidates whose
  estimated similarity reaches the threshold (0.8). The defaults, 16 bands of 8 rows, put
  the S-curve's midpoint at ``(1/16)**(1/8) = 0.71``:

  ==========  =====  =====  =====  =====  =====  =====  =====  =====  ======
  similarity   0.3    0.4    0.5    0.6    0.7    0.75   0.8    0.85    0.9
  candidate   0.001  0.010  0.061  0.237  0.613  0.815  0.947  0.994  0.9999
  ==========  =====  =====  =====  =====  =====  =====  =====  =====  ======

  32 bands of 4 rows would find every pair at 0.8 but make 87% of the pairs at 0.5
  candidates; 8 bands of 16 rows would miss 80% of the pairs at 0.8. At exactly 0.8 the
  estimate's own error (about half of such pairs are estimated below 0.8) costs more than
  the bands' 5%; copies with small edits are usually above 0.85.

Adding a document and querying it costs one dictionary lookup per band plus one
comparison per candidate, so indexing ``n`` documents is near linear in ``n`` unless they
are mostly copies of each other (see ``benchmarks/dedup.py``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "BANDS",
    "PERMUTATIONS",
    "ROWS",
    "SEED",
    "SHINGLE_SIZE",
    "THRESHOLD",
    "LshIndex",
    "Signature",
    "band_keys",
    "from_bytes",
    "near_duplicates",
    "shingles",
    "signature",
    "similarity",
    "to_bytes",
    "words",
]

SHINGLE_SIZE = 5
PERMUTATIONS = 128
SEED = 0x7469_6469_6E67_73  # "tidings" in ASCII
BANDS = 16
ROWS = 8
THRESHOLD = 0.8

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E37_79B9_7F4A_7C15  # SplitMix64's increment
_MIX_1 = 0xBF58_476D_1CE4_E5B9
_MIX_2 = 0x94D0_49BB_1331_11EB
_VALUE_BYTES = 4  # each signature value is a uint32
_CHUNK = 2048  # shingles hashed at once, to bound memory on long texts
_APOSTROPHES = re.compile("['’ʼ‘`´]")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Signature:
    """A MinHash signature: the smallest shingle hash under each of its permutations.

    ``packed`` holds the values as little-endian uint32, as :func:`to_bytes` stores them.
    """

    packed: bytes

    def __post_init__(self) -> None:
        if not self.packed or len(self.packed) % _VALUE_BYTES:
            raise ValueError(
                f"a signature is a non-empty uint32 array, not {len(self.packed)} bytes"
            )

    def __len__(self) -> int:
        """The number of permutations."""
        return len(self.packed) // _VALUE_BYTES

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(int(v) for v in np.frombuffer(self.packed, dtype="<u4"))


def words(text: str) -> list[str]:
    """The normalised words of ``text``: case-folded, without punctuation or symbols."""
    # NFKC both before and after case folding: folding can decompose a letter ("ǰ"), and
    # NFKC can turn a character into a capital ("ℌ" is "H")
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return _WORD.findall(_APOSTROPHES.sub("", folded))


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[int]:
    """The 64-bit hashes of every ``size`` consecutive words of ``text`` (stable everywhere)."""
    if size < 1:
        raise ValueError(f"shingle size must be positive, not {size}")
    found = words(text)
    if not found:
        return set()
    count = max(len(found) - size + 1, 1)  # a short text is one shingle of all its words
    return {_hash(" ".join(found[start : start + size])) for start in range(count)}


def signature(text: str, permutations: int = PERMUTATIONS, seed: int = SEED) -> Signature:
    """The MinHash signature of ``text``'s shingles (of ``SHINGLE_SIZE`` words) under
    ``permutations`` hash functions."""
    return _minhash(shingles(text), permutations, seed)


def similarity(a: Signature, b: Signature) -> float:
    """The estimated Jaccard similarity of the texts behind two signatures, from 0 to 1."""
    if len(a) != len(b):
        raise ValueError(f"signatures of {len(a)} and {len(b)} permutations cannot be compared")
    # equality of two values does not depend on byte order, so native uint32 is fine here
    left = np.frombuffer(a.packed, dtype=np.uint32)
    right = np.frombuffer(b.packed, dtype=np.uint32)
    return int(np.count_nonzero(left == right)) / len(a)


def to_bytes(signature: Signature) -> bytes:
    """The signature as a compact BLOB: little-endian uint32, four bytes per permutation."""
    return signature.packed


def from_bytes(data: bytes) -> Signature:
    """The signature stored by :func:`to_bytes`."""
    return Signature(bytes(data))


class LshIndex:
    """Signatures by key, bucketed by band so that similar ones meet without comparing all.

    ``bands * rows`` must equal the permutations of the signatures added.
    """

    __slots__ = ("_buckets", "_signatures", "bands", "rows")

    def __init__(self, bands: int = BANDS, rows: int = ROWS) -> None:
        if bands < 1 or rows < 1:
            raise ValueError(f"bands and rows must be positive, not {bands} and {rows}")
        self.bands = bands
        self.rows = rows
        self._buckets: list[dict[bytes, list[str]]] = [{} for _ in range(bands)]
        self._signatures: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, key: object) -> bool:
        return key in self._signatures

    def signature(self, key: str) -> Signature:
        """The signature added under ``key`` (KeyError if none)."""
        return self._signatures[key]

    def add(self, key: str, signature: Signature) -> None:
        """Index ``signature`` under ``key``; a key can be added once (ValueError)."""
        if key in self._signatures:
            raise ValueError(f"{key!r} is already in the index")
        bands = self._bands(signature)
        self._signatures[key] = signature
        for buckets, band in zip(self._buckets, bands, strict=True):
            buckets.setdefault(band, []).append(key)

    def remove(self, key: str) -> None:
        """Take ``key`` out of the index (KeyError if it is not there)."""
        signature = self._signatures.pop(key)
        for buckets, band in zip(self._buckets, self._bands(signature), strict=True):
            keys = buckets[band]
            keys.remove(key)
            if not keys:
                del buckets[band]

    def candidates(self, signature: Signature) -> set[str]:
        """The keys that share at least one band with ``signature``."""
        found: set[str] = set()
        for buckets, band in zip(self._buckets, self._bands(signature), strict=True):
            found.update(buckets.get(band, ()))
        return found

    def _bands(self, signature: Signature) -> list[bytes]:
        return band_keys(signature, self.bands, self.rows)


def band_keys(signature: Signature, bands: int = BANDS, rows: int = ROWS) -> list[bytes]:
    """The signature cut into ``bands`` keys of ``rows`` values each (for an index kept
    elsewhere, such as a database table)."""
    if len(signature) != bands * rows:
        raise ValueError(
            f"a signature of {len(signature)} permutations does not fit "
            f"{bands} bands of {rows} rows"
        )
    width = rows * _VALUE_BYTES
    packed = signature.packed
    return [packed[start : start + width] for start in range(0, len(packed), width)]


def near_duplicates(
    index: LshIndex, key: str | None, signature: Signature, threshold: float = THRESHOLD
) -> list[tuple[str, float]]:
    """The indexed documents whose estimated similarity to ``signature`` reaches
    ``threshold``, most similar first, as ``(key, similarity)``; ``key`` itself is left out."""
    found = []
    for candidate in index.candidates(signature):
        if candidate == key:
            continue
        score = similarity(signature, index.signature(candidate))
        if score >= threshold:
            found.append((candidate, score))
    return sorted(found, key=lambda pair: (-pair[1], pair[0]))


def _hash(shingle: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "little"
    )


def _minhash(hashes: set[int], permutations: int, seed: int) -> Signature:
    if permutations < 1:
        raise ValueError(f"permutations must be positive, not {permutations}")
    if not hashes:
        return Signature(b"\xff" * _VALUE_BYTES * permutations)
    keys = _keys(permutations, seed)[:, np.newaxis]
    values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    minima = np.full(permutations, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(values), _CHUNK):
        mixed = _mix(values[np.newaxis, start : start + _CHUNK] ^ keys)
        np.minimum(minima, mixed.min(axis=1), out=minima)
    top = (minima >> np.uint64(32)).astype("<u4")
    return Signature(top.tobytes())


def _mix(z: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """SplitMix64's finaliser, element-wise: a bijection of 64-bit values that scatters them."""
    z = z ^ (z >> np.uint64(30))
    z *= np.uint64(_MIX_1)
    z ^= z >> np.uint64(27)
    z *= np.uint64(_MIX_2)
    z ^= z >> np.uint64(31)
    return z


def _mix_int(z: int) -> int:
    z = ((z ^ (z >> 30)) * _MIX_1) & _MASK
    z = ((z ^ (z >> 27)) * _MIX_2) & _MASK
    return z ^ (z >> 31)


@lru_cache(maxsize=8)
def _keys(permutations: int, seed: int) -> NDArray[np.uint64]:
    """One key per permutation, from a SplitMix64 stream (plain integers: no library's
    random generator, whose streams may change between versions)."""
    state = seed & _MASK
    keys = []
    for _ in range(permutations):
        state = (state + _GOLDEN) & _MASK
        keys.append(_mix_int(state))
    array = np.array(keys, dtype=np.uint64)
    array.flags.writeable = False
    return array
