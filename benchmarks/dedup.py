"""Near-duplicate detection at 1x, 4x and 16x the bundled Wikinews sample: is it near linear?

At scale ``k`` every sample article appears ``k`` times, each copy with a few light random
edits (words replaced, dropped or added), so every copy has ``k - 1`` true near-duplicates.
Each document is signed (:func:`~tidings.corpus.dedup.signature`), queried against the
documents indexed before it (:func:`~tidings.corpus.dedup.near_duplicates`) and added to
the :class:`~tidings.corpus.dedup.LshIndex`. The table gives the time per document of
signing and of indexing (query + add), with the ratio of each scale's per-document time to
1x: near 1.0 means near-linear cost (comparing all pairs would grow it 16-fold at 16x).
Indexing time per document grows with the candidates each query verifies, here mostly
the document's own earlier copies (up to ``k - 1``): the output grows, not the search.
It also counts the pairs of copies found, against all pairs of copies and against the
pairs whose true Jaccard similarity reaches the 0.8 threshold (the edits push short
articles below it), and the matches that joined two different sample articles.

    python benchmarks/dedup.py
    python benchmarks/dedup.py --scales 1 4 16 --seed 7
"""

from __future__ import annotations

import argparse
import csv
import platform
import random
import time

from tidings.corpus.dedup import LshIndex, near_duplicates, shingles, signature


def load_texts() -> list[str]:
    from tidings.sample import sample_paths

    texts: list[str] = []
    for path in sample_paths():
        with path.open(encoding="utf-8", newline="") as handle:
            texts.extend(row["text"] for row in csv.DictReader(handle))
    return texts


def edited(text: str, rng: random.Random, edits: int) -> str:
    """``text`` with ``edits`` random words replaced, dropped or doubled."""
    words = text.split()
    for _ in range(edits):
        if len(words) < 2:
            break
        at = rng.randrange(len(words))
        change = rng.choice(("replace", "drop", "double"))
        if change == "replace":
            words[at] = rng.choice(words)
        elif change == "drop":
            del words[at]
        else:
            words.insert(at, words[at])
    return " ".join(words)


def corpus(texts: list[str], scale: int, seed: int) -> list[tuple[str, str]]:
    """(key, text) for ``scale`` edited copies of every text, copies interleaved."""
    rng = random.Random(seed)
    return [
        (f"{article}/{copy}", edited(text, rng, rng.randint(1, 3)))
        for copy in range(scale)
        for article, text in enumerate(texts)
    ]


def measure(documents: list[tuple[str, str]], scale: int) -> dict[str, float]:
    index = LshIndex()
    signing = indexing = 0.0
    found: set[tuple[str, str]] = set()
    candidates = 0
    for key, text in documents:
        start = time.perf_counter()
        sig = signature(text)
        middle = time.perf_counter()
        matches = near_duplicates(index, key, sig)
        index.add(key, sig)
        signing += middle - start
        indexing += time.perf_counter() - middle
        found.update((other, key) for other, _ in matches)
        candidates += len(index.candidates(sig)) - 1  # not timed; itself left out
    copies = [(a, b) for a, b in found if _article(a) == _article(b)]
    true_pairs = _similar_copies(documents)
    return {
        "documents": len(documents),
        "sign_ms": signing / len(documents) * 1000,
        "index_ms": indexing / len(documents) * 1000,
        "candidates": candidates / len(documents),
        "copies": len(documents) // scale * scale * (scale - 1) // 2,
        "found": len(copies),
        "similar": len(true_pairs),
        "similar_found": len(true_pairs & set(copies)),
        "cross": len(found) - len(copies),
    }


def _article(key: str) -> str:
    return key.split("/")[0]


def _similar_copies(documents: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The pairs of copies (earlier, later) whose true Jaccard similarity is >= 0.8."""
    by_article: dict[str, list[tuple[str, set[int]]]] = {}
    for key, text in documents:
        by_article.setdefault(_article(key), []).append((key, shingles(text)))
    pairs = set()
    for copies in by_article.values():
        for n, (later, later_set) in enumerate(copies):
            for earlier, earlier_set in copies[:n]:
                union = len(earlier_set | later_set)
                if not union or len(earlier_set & later_set) / union >= 0.8:
                    pairs.add((earlier, later))
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    texts = load_texts()
    signature(texts[0])  # warm up: imports, permutation keys
    results = {scale: measure(corpus(texts, scale, args.seed), scale) for scale in args.scales}
    base = results[args.scales[0]]
    base_total = base["sign_ms"] + base["index_ms"]
    words = sum(len(text.split()) for text in texts)
    print(
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python "
        f"{platform.python_version()}, one process; {len(texts)} Wikinews articles "
        f"({words:,} words) copied with 1-3 random word edits each, 128 permutations, "
        "16 bands x 8 rows, threshold 0.8.\n"
    )
    print(
        "| scale | documents | sign (ms/doc) | index: query + add (ms/doc) "
        f"| index vs {args.scales[0]}x | candidates per doc | total (ms/doc) "
        f"| total vs {args.scales[0]}x | pairs of copies found | of them at Jaccard >= 0.8 "
        "| cross-article matches |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for scale, result in results.items():
        total = result["sign_ms"] + result["index_ms"]
        print(
            f"| {scale}x | {result['documents']:,} | {result['sign_ms']:.3f} "
            f"| {result['index_ms']:.4f} | {result['index_ms'] / base['index_ms']:.2f} "
            f"| {result['candidates']:.2f} | {total:.3f} | {total / base_total:.2f} "
            f"| {result['found']:,} / {result['copies']:,} "
            f"| {result['similar_found']:,} / {result['similar']:,} | {result['cross']} |"
        )


if __name__ == "__main__":
    main()
