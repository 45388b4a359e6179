"""caveat: a sensitive topic that needs a caveat somewhere in the article.

A caveat rule lists ``topics`` (each a word list with its incidental uses)
and the ``caveats`` that satisfy it: ``professional-help`` ("talk to your
doctor", read from the word lists under ``professional-help``),
``crisis-resource`` (a crisis line or emergency number, from the lists under
``crisis-resources``, one per region, chosen by the ``locale`` option), and
any ``caveat-tokens`` / ``caveat-tokens-file`` of the rule itself. When a
topic is mentioned and no caveat is found anywhere in the article, the rule
reports the topic's first mention, once per topic.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from contentlint.checks._caveats import (
    Entries,
    HelpDetector,
    HelpLists,
    Lexicon,
    ResourceDetector,
    WordListError,
    any_matcher,
    compile_matchers,
    lexicon_sources,
    prose_matches,
    region_of,
    sentence_bounds,
    split_entries,
)
from contentlint.document import HEADING, Document
from contentlint.kinds import NOT_YET, PROSE_BYTES, PackContext, PackRule, finished, prose_bytes
from contentlint.patterns import pattern_options
from contentlint.rule import Option
from contentlint.violation import Violation

CAVEATS = ("professional-help", "crisis-resource")
HELP_FILES = ("actions-file", "professionals-file", "phrases-file", "negations-file")
GENERIC = "generic"


class Caveat(PackRule):
    document_level = True  # a caveat may be added or removed anywhere in the article
    has_screen = True
    allowed_keys = frozenset({"topics", "caveats", "professional-help", "crisis-resources", "caveat-tokens",
                              "caveat-tokens-file", "missing"})

    def __init__(self, spec: Mapping[str, Any], context: PackContext) -> None:
        super().__init__(spec, context)
        self.missing = self.optional(spec, "missing", str, "caveat")
        self.topics = self._read_topics(spec)
        self.caveat_kinds = self.optional(spec, "caveats", list, [])
        for name in self.caveat_kinds:
            if name not in CAVEATS:
                raise context.error(spec, f"caveats: unknown caveat {name!r}; caveats: {', '.join(CAVEATS)}")
        own = self.read_tokens({key.removeprefix("caveat-"): value for key, value in spec.items()
                                if key in ("caveat-tokens", "caveat-tokens-file")})
        if not self.caveat_kinds and not own:
            raise context.error(spec, "needs 'caveats' or 'caveat-tokens' / 'caveat-tokens-file'")
        self.own_entries = split_entries(own)
        self.help_lists = self._read_help(spec) if "professional-help" in self.caveat_kinds else None
        self.resources = self._read_resources(spec) if "crisis-resource" in self.caveat_kinds else {}
        options = [
            Option("min-mentions", 2, "a topic counts when it is mentioned in at least this many sentences, "
                                      "or once in a heading or the title"),
            Option("ignore-topics", [], "topics not to check, by id: " + ", ".join(self.topics)),
        ]
        if self.help_lists is not None:
            options.append(Option("extra-caveats", [], "more caveat phrases (a phrase, or re:PATTERN)"))
        if self.resources:
            regions = ", ".join(r for r in self.resources if r != GENERIC)
            options.append(Option("locale", [], "locales whose crisis resources count, e.g. en-GB "
                                                f"(built in: {regions}); empty: all of them"))
            options.append(Option("extra-resources", [], "more crisis resources: names, phone numbers, web addresses"))
        self.options = tuple(options)  # type: ignore[misc]
        self._help_cache: dict[tuple[str, ...], HelpDetector] = {}
        self._resource_cache: dict[tuple[tuple[str, ...], tuple[str, ...]], ResourceDetector] = {}
        # Compiled on first use (a pack's patterns are most of its loading time).
        self._any_topic: Any = None
        self._own_caveats: list[Any] | None = None
        self._lexicons: dict[str, Lexicon] = {}
        self._topic_set: Any = NOT_YET

    def validate(self) -> None:
        self.any_topic  # noqa: B018 - compiling is the point
        for topic_id in self.topics:
            lexicon = self.lexicon(topic_id)
            self._guard(lambda: lexicon.exceptions)
        self.own_caveats  # noqa: B018
        if self.help_lists is not None:
            self.help_detector([])

    @property
    def any_topic(self) -> Any:
        """One pattern for a candidate mention of any topic."""
        if self._any_topic is None:
            sources = [source for _, entries in self.topics.values() for source in lexicon_sources(entries)]
            self._any_topic = self._guard(lambda: any_matcher(sources, self.code))
        return self._any_topic

    def topics_in(self, document: Document) -> frozenset[str] | None:
        """The topics whose pattern matches somewhere in the prose, from one
        RE2 Set search, or None when that cannot tell (one topic, or a Set
        RE2 refuses or cannot finish). A document the screen lets through
        names one topic or two of seven: the others' lexicons are neither
        compiled nor searched. Every topic with a mention (mentions_in) is
        among them: each of its lexicon's patterns is an alternative of the
        topic's pattern in the Set, searched in the same bytes."""
        topic_set = self.topic_set
        if topic_set is None:
            return None
        found = finished(topic_set.Match(prose_bytes(document)), len(self.topics))
        if found is None:
            return None
        ids = list(self.topics)
        return frozenset(ids[index] for index in found if index < len(ids))

    @property
    def topic_set(self) -> Any:
        """An RE2 Set of the topics' patterns, in the order of self.topics,
        then the sentinel \\z (see kinds.finished); built on first use."""
        if self._topic_set is NOT_YET:
            self._topic_set = None
            if len(self.topics) > 1:
                self._topic_set = self._build_topic_set()
        return self._topic_set

    def _build_topic_set(self) -> Any:
        import re2

        # Case-insensitive as the lexicons' own patterns are (a (?i:...) group is RE2's option).
        topic_set = re2.Set.SearchSet(pattern_options(ignore_case=False))
        try:
            for _, entries in self.topics.values():
                topic_set.Add("(?i:" + "|".join(lexicon_sources(entries)) + ")")
            topic_set.Add(r"\z")
            topic_set.Compile()
        except re2.error:
            return None  # each topic is searched on its own (its errors are its lexicon's to report)
        return topic_set

    def lexicon(self, topic_id: str) -> Lexicon:
        if topic_id not in self._lexicons:
            entries = self.topics[topic_id][1]
            self._lexicons[topic_id] = self._guard(lambda: Lexicon(entries, f"{self.code} topic {topic_id}"))
        return self._lexicons[topic_id]

    @property
    def own_caveats(self) -> list[Any]:
        if self._own_caveats is None:
            entries = self.own_entries
            self._own_caveats = self._guard(lambda: compile_matchers(*_terms_and_patterns(entries), self.code))
        return self._own_caveats

    # -- reading the spec -------------------------------------------------

    def _guard(self, build: Any) -> Any:
        try:
            return build()
        except WordListError as error:
            raise self.context.error(self.spec, str(error)) from None

    def _read_topics(self, spec: Mapping[str, Any]) -> dict[str, tuple[str, Entries]]:
        raw = self.require(spec, "topics", dict)
        if not raw:
            raise self.context.error(spec, "'topics' must name at least one topic")
        topics = {}
        for topic_id, topic in raw.items():
            if not isinstance(topic, dict):
                raise self.context.error(spec, f"topics.{topic_id}: must be a mapping with 'label' and 'tokens-file'")
            unknown = set(topic) - {"label", "tokens", "tokens-file"}
            if unknown:
                raise self.context.error(spec, f"topics.{topic_id}: unknown key '{sorted(unknown)[0]}'")
            label = topic.get("label", str(topic_id))
            lines = self.read_tokens(topic)
            if not lines:
                raise self.context.error(spec, f"topics.{topic_id}: needs 'tokens' or 'tokens-file'")
            topics[str(topic_id)] = (str(label), split_entries(lines))
        return topics

    def _read_help(self, spec: Mapping[str, Any]) -> HelpLists:
        files = self.require(spec, "professional-help", dict)
        lists = {}
        for key in HELP_FILES:
            if key not in files:
                raise self.context.error(spec, f"professional-help: missing '{key}'")
            lists[key] = self.read_tokens({"tokens-file": files[key]})
        help_lists = HelpLists(tuple(lists["actions-file"]), tuple(lists["professionals-file"]),
                               tuple(lists["phrases-file"]), tuple(lists["negations-file"]))
        return help_lists

    def _read_resources(self, spec: Mapping[str, Any]) -> dict[str, tuple[tuple[str, ...], str]]:
        raw = self.require(spec, "crisis-resources", dict)
        resources = {}
        for region, value in raw.items():
            if isinstance(value, str):
                value = {"file": value}
            if not isinstance(value, dict) or "file" not in value:
                raise self.context.error(spec, f"crisis-resources.{region}: needs 'file'")
            entries = tuple(self.read_tokens({"tokens-file": value["file"]}))
            key = GENERIC if str(region).lower() == GENERIC else region_of(f"x-{region}")
            resources[key] = (entries, str(value.get("example", "")))
        return resources

    # -- checking ---------------------------------------------------------

    def active_regions(self, locales: list[str]) -> list[str]:
        """The regions whose resources count: those of the locales, or all of them."""
        chosen = [region_of(locale) for locale in locales]
        if not chosen or "" in chosen:
            return list(self.resources)
        return [GENERIC, *(region for region in chosen if region in self.resources)]

    def help_detector(self, extra: list[str]) -> HelpDetector:
        key = tuple(extra)
        if key not in self._help_cache:
            assert self.help_lists is not None
            help_lists = self.help_lists
            self._help_cache[key] = self._guard(lambda: HelpDetector(help_lists, extra, self.code))
        return self._help_cache[key]

    def resource_detector(self, regions: list[str], extra: list[str]) -> ResourceDetector:
        key = (tuple(regions), tuple(extra))
        if key not in self._resource_cache:
            entries = [entry for region in regions for entry in self.resources.get(region, ((), ""))[0]]
            self._resource_cache[key] = ResourceDetector([*entries, *extra], self.code)
        return self._resource_cache[key]

    def has_caveat(self, document: Document, options: Mapping[str, Any]) -> bool:
        if self.own_caveats and any(prose_matches(m, document) for m in self.own_caveats):
            return True
        if self.help_lists is not None and self.help_detector(list(options.get("extra-caveats", []))).found(document):
            return True
        if self.resources:
            regions = self.active_regions(list(options.get("locale", [])))
            detector = self.resource_detector(regions, list(options.get("extra-resources", [])))
            if detector.found(document):
                return True
        return False

    def examples(self, options: Mapping[str, Any]) -> str:
        if not self.resources:
            return ""
        regions = [r for r in self.active_regions(list(options.get("locale", []))) if r != GENERIC]
        shown = [self.resources[r][1] for r in regions if self.resources[r][1]][:3]
        return "; ".join(shown)

    def screen_pattern(self) -> str | None:
        """any_topic's pattern: most documents mention no topic. The rules of
        the pack that screen the prose (CV101, CV102 and CV103) find out in
        one search (PackScreen). Case-insensitive, as the topics are matched
        (whatever the rule's ignore-case says)."""
        sources = [source for _, entries in self.topics.values() for source in lexicon_sources(entries)]
        return "(?i:" + "|".join(sources) + ")"

    def screen_text(self, document: Document) -> bytes:
        return prose_bytes(document)

    @property
    def screen_text_key(self) -> str:
        return PROSE_BYTES

    def check(self, document: Document, options: Mapping[str, Any]) -> Iterator[Violation]:
        if not self.screened(document):
            return
        skip = set(options.get("ignore-topics", []))
        minimum = int(options.get("min-mentions", 2))
        present = self.topics_in(document)
        mentions = []
        for topic_id, (label, _) in self.topics.items():
            if topic_id in skip or (present is not None and topic_id not in present):
                continue
            lexicon = self.lexicon(topic_id)
            found = lexicon.mentions_in(document)
            if found and discussed(document, lexicon, found, minimum):
                mentions.append((found[0], label))
        if not mentions or self.has_caveat(document, options):
            return
        examples = self.examples(options)
        for (start, end), label in sorted(mentions):
            text = " ".join(document.text[start:end].split())
            default = "{Topic} ('{match}') with no {missing} anywhere in the article"
            message = self.format_message(default, topic=label, Topic=label[:1].upper() + label[1:], match=text,
                                          missing=self.missing, examples=examples)
            yield Violation(start, end, message)


def discussed(document: Document, lexicon: Lexicon, found: list[tuple[int, int]], minimum: int) -> bool:
    """A passing mention is not a discussion: the topic must be mentioned in
    `minimum` sentences, or in a heading, or in the title."""
    sentences = {sentence_bounds(document, start) for start, _ in found}
    if len(sentences) >= minimum:
        return True
    if any((block := document.block_at(start)) is not None and block.kind == HEADING for start, _ in found):
        return True
    title = document.front_matter.get("title") if document.front_matter else None
    return isinstance(title, str) and lexicon.mentioned_in(title)


def _terms_and_patterns(entries: Entries) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return entries.terms, entries.patterns
