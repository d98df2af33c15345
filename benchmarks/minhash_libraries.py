"""Why copy detection uses rensa: MinHash signatures per report with datasketch and rensa.

    pip install datasketch rensa && python benchmarks/minhash_libraries.py

Signs 300 random 2,000-character texts (a report's prose, normalised) with 64 permutations over
5-character shingles, as linter.corpus.summary does, and estimates one Jaccard similarity with
each library against the exact value.
"""

from __future__ import annotations

import random
import time


def main() -> None:
    from datasketch import MinHash
    from rensa import CMinHash, RMinHash

    rng = random.Random(1)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    texts = ["".join(rng.choice(han) for _ in range(2000)) for _ in range(300)]
    shingles = [[t[i:i + 5] for i in range(len(t) - 4)] for t in texts]

    def datasketch_sign(items: list[str]) -> MinHash:
        signature = MinHash(num_perm=64)
        signature.update_batch([s.encode("utf-8") for s in items])
        return signature

    def rensa_sign(kind: type, items: list[str]):
        signature = kind(num_perm=64, seed=1)
        signature.update(items)
        return signature

    for name, sign in (("datasketch MinHash", datasketch_sign),
                       ("rensa RMinHash", lambda items: rensa_sign(RMinHash, items)),
                       ("rensa CMinHash", lambda items: rensa_sign(CMinHash, items))):
        started = time.perf_counter()
        for items in shingles:
            sign(items)
        per_text = (time.perf_counter() - started) / len(texts) * 1000
        one, other = texts[0], texts[0][:1500] + texts[1][:500]
        a, b = {one[i:i + 5] for i in range(len(one) - 4)}, {other[i:i + 5] for i in range(len(other) - 4)}
        exact = len(a & b) / len(a | b)
        estimate = sign(sorted(a)).jaccard(sign(sorted(b)))
        print(f"{name:20} {per_text:7.2f} ms per text   Jaccard {estimate:.2f} (exact {exact:.2f})")


if __name__ == "__main__":
    main()
