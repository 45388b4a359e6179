"""RP105 duplicate-across-articles: the same paragraph in two articles of one run."""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable, Mapping
from typing import Any

from contentlint.checks._repetition import (BANDS, could_match, document_words, minhash_bands, paragraph_spans,
                                            shingle_hashes)
from contentlint.document import Document
from contentlint.rule import CorpusRule, CorpusViolation, Option
from contentlint.violation import Severity

# (line, column, end_line, end_column, fingerprint of the exact wording, the shingle hashes as bytes: see shingle_hashes)
Entry = tuple[int, int, int, int, int, bytes]


class DuplicateAcrossArticles(CorpusRule):
    """The same paragraph, or nearly the same, in two articles of one run.

    ## What it does
    When several files are linted together, compares every paragraph of
    `min-words` words or more with the paragraphs of the other files. Two
    paragraphs are the same when their sets of three-word shingles overlap by
    at least `threshold` (Jaccard similarity), so light edits still match.
    The finding is in the later file (in path order) and names the earlier
    file and line, and how many files share the paragraph.

    Headings, list items, table cells, quotations, code and front matter are
    not compared, nor is a paragraph repeated within one file (RP102 and RP103
    cover that). Paragraphs are reduced to fingerprints (hashed shingles) per
    file, and candidates are found by MinHash with LSH banding, so a run over
    tens of thousands of files does not compare every pair. (In the examples
    below, `<!-- file: NAME -->` lines separate the files.)

    ## Why is this bad?
    Content farms paste the same paragraph into hundreds of articles. For
    readers it is filler; for search engines it is duplicate content; for an
    editor it is the same fix to make many times.

    ## Silenced by
    Shared boilerplate that the site means to repeat (an event series'
    sign-up paragraph, a standard disclaimer) can be left out in
    `[rules.RP105]`: `allow = ["all references to specific brands"]` skips
    every paragraph that contains a listed phrase; `max-files = 20` treats a
    paragraph shared by more files than that as a template; `min-words`
    raises the length compared. Or leave the files out:
    `per-file-ignores = { "events/**" = ["RP105"] }`, or `exclude`. A
    `contentlint-disable-next-line RP105` comment above a paragraph silences
    that copy.

    ## Example
    ```markdown
    <!-- file: a.md -->
    Our clinic offers free blood pressure checks every Tuesday morning from
    nine until noon, and no appointment is needed for adults of any age who
    live or work in the county.

    <!-- file: b.md -->
    Our clinic offers free blood pressure checks every Tuesday morning from
    nine until noon, and no appointment is needed for adults of any age who
    live or work in the county.
    ```

    ```markdown
    <!-- file: a.md -->
    Our clinic offers free blood pressure checks every Tuesday morning from
    nine until noon, and no appointment is needed for adults of any age who
    live or work in the county.

    <!-- file: b.md -->
    Flu shots are available at the pharmacy counter on weekdays, and the
    pharmacist can tell you whether this year's vaccine is right for you or
    for the children in your care.
    ```
    """

    code = "RP105"
    name = "duplicate-across-articles"
    severity = Severity.WARNING
    options = (
        Option("min-words", 30, "words a paragraph needs to be compared (shorter ones are often boilerplate)"),
        Option("threshold", 0.7, "Jaccard similarity of three-word shingles at which two paragraphs are the same"),
        Option("allow", [], "phrases of shared boilerplate: a paragraph containing one is not compared"),
        Option("max-files", 0, "ignore a paragraph shared by more than this many files (0: no limit)"),
    )

    def summarize(self, document: Document, options: Mapping[str, Any]) -> tuple[Entry, ...]:
        min_words = max(3, int(options["min-words"]))
        allow = [" " + " ".join(phrase.lower().split()) + " " for phrase in options["allow"] if phrase.strip()]
        words = document_words(document)
        entries: list[Entry] = []
        for unit, span in paragraph_spans(document):
            if len(span) < min_words:
                continue
            lowered = words.lower[span.start:span.stop]
            joined = " ".join(lowered)
            if allow and any(phrase in f" {joined} " for phrase in allow):
                continue
            line, column = document.position(unit.start)
            end_line, end_column = document.position(unit.end)
            fingerprint = zlib.crc32(joined.encode("utf-8")) << 32 | len(joined)
            entries.append((line, column, end_line, end_column, fingerprint, shingle_hashes(lowered)))
        return tuple(entries)

    def check_corpus(self, summaries: list[tuple[str, Any]], options: Mapping[str, Any]) -> Iterable[CorpusViolation]:
        matches = find_duplicates(summaries, float(options["threshold"]))
        limit = int(options["max-files"])
        for match in matches:
            if limit and match.files > limit:
                continue
            path, entry = match.path, match.entry
            other_path, other = match.earlier_path, match.earlier
            share = f"; {match.files} files share it" if match.files > 2 else ""
            how = "the same as" if match.similarity >= 0.999 else f"{match.similarity:.0%} like"
            yield CorpusViolation(path, entry[0], entry[1], entry[2], entry[3],
                                  f"Paragraph is {how} the one at {other_path}:{other[0]}{share}")


class Match:
    """A paragraph found again in a later file."""

    __slots__ = ("path", "entry", "earlier_path", "earlier", "similarity", "group", "files")

    def __init__(self, path: str, entry: Entry, earlier_path: str, earlier: Entry, similarity: float,
                 group: int) -> None:
        self.path, self.entry = path, entry
        self.earlier_path, self.earlier = earlier_path, earlier
        self.similarity, self.group = similarity, group
        self.files = 0


def find_duplicates(summaries: list[tuple[str, Any]], threshold: float) -> list[Match]:
    """Every paragraph that matches a paragraph of an earlier file.

    Each paragraph is compared with the *representatives* found so far: the
    first paragraph of each group of near-duplicates. A paragraph that matches
    one joins its group and is not indexed itself, so a paragraph pasted into
    20,000 files costs one comparison per copy, not 20,000.

    A paragraph that could_match() rules out can neither match nor be matched:
    it would become a representative of its own that no later paragraph gets
    near, so it skips MinHash and the buckets (only its fingerprint is kept,
    as the exact-copy lookup saw it).
    """
    paragraphs: list[tuple[int, Entry]] = [(doc, entry) for doc, (_, entries) in enumerate(summaries)
                                           for entry in entries]
    if not paragraphs or len({doc for doc, _ in paragraphs}) < 2:
        return []
    packed = [entry[5] for _, entry in paragraphs]
    # A threshold of 0 or less accepts paragraphs that share nothing: no filter then.
    active = could_match(packed, threshold) if threshold > 0 else [True] * len(packed)
    chosen = [index for index, keep in enumerate(active) if keep]
    bands = dict(zip(chosen, minhash_bands([packed[index] for index in chosen]))) if chosen else {}
    buckets: list[dict[int, list[int]]] = [{} for _ in range(BANDS)]
    exact: dict[int, int] = {}
    shingles: dict[int, frozenset[int]] = {}  # the representatives' shingle sets, made when first needed
    group_of: dict[int, int] = {}  # representative -> index of its group
    group_docs: list[set[int]] = []  # per group, the documents it is in
    matches: list[Match] = []

    def shingle_set(index: int) -> frozenset[int]:
        found = shingles.get(index)
        if found is None:
            found = shingles[index] = frozenset(array("I", paragraphs[index][1][5]))
        return found

    for index, (doc, entry) in enumerate(paragraphs):
        if not active[index]:
            exact.setdefault(entry[4], index)
            continue
        best, similarity = exact.get(entry[4], -1), 1.0
        if best >= 0 and paragraphs[best][1][5] != entry[5] and shingle_set(best) != frozenset(array("I", entry[5])):
            best = -1  # a fingerprint collision, not the same shingles (the same words give the same bytes)
        if best < 0:
            candidates: set[int] = set()
            for band, key in enumerate(bands[index]):
                candidates.update(buckets[band].get(key, ()))
            if candidates:
                mine = frozenset(array("I", entry[5]))
                chosen: tuple[bool, float] | None = None
                for candidate in sorted(candidates):
                    theirs = shingle_set(candidate)
                    shared = len(mine & theirs)
                    score = shared / (len(mine) + len(theirs) - shared)
                    # Another file's paragraph first, then the most similar, then the earliest.
                    rank = (paragraphs[candidate][0] != doc, score)
                    if score >= threshold and (chosen is None or rank > chosen):
                        best, similarity, chosen = candidate, score, rank
        if best < 0:  # a new representative
            group_of[index] = len(group_docs)
            group_docs.append({doc})
            exact.setdefault(entry[4], index)
            for band, key in enumerate(bands[index]):
                buckets[band].setdefault(key, []).append(index)
            continue
        group = group_of[best]
        group_docs[group].add(doc)
        earlier_doc, earlier = paragraphs[best]
        if earlier_doc != doc:
            matches.append(Match(summaries[doc][0], entry, summaries[earlier_doc][0], earlier, similarity, group))
    for match in matches:
        match.files = len(group_docs[match.group])
    return matches
