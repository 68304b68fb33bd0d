"""``specs/<vendor>/CHANGELOG.md``, in Keep a Changelog form: entries written from a drift report, and their place.

The file is a header, an optional ``## [Unreleased]`` section, then one ``## [X.Y.Z] - YYYY-MM-DD`` section a
release, newest first. An entry written from a drift report sorts the changes into Keep a Changelog's sections
(Removed, Changed, Added, Deprecated, Security); the sections that hold a breaking change come first, and so do the
breaking changes inside a section, each marked **Breaking** and saying what callers must change. Changes that only
touch documentation (descriptions, examples, extensions, ``info``) are summed up on one line.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sdkgen.drift.model import Change, Report, Severity
from sdkgen.errors import SdkgenError

SECTIONS = ("Removed", "Changed", "Added", "Deprecated", "Fixed", "Security")
"""Keep a Changelog's section names, in the order sdkgen writes them when none holds a breaking change."""

_HEADING = re.compile(r"^## \[(?P<name>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?[ \t]*$", re.MULTILINE)
_UNRELEASED = "Unreleased"
_DOCUMENTATION_KINDS = frozenset({"description", "example", "documentation", "extension", "info"})
# Things a spec can gain or lose: their `-added` kind goes under Added, `-removed` under Removed. Other switches
# (required-added, nullable-added...) change an existing thing.
_THINGS = frozenset(
    {"operation", "property", "parameter", "enum-value", "status", "component", "media-type", "server", "request-body"}
)
# What a caller does about a breaking change, by kind; {field} is the field, parameter or operation concerned.
_ACTIONS = {
    "operation-removed": "stop calling {field}: its generated function is gone",
    "operation-id": "import the renamed generated module and functions",
    "tags": "import the generated functions from the new tag's module",
    "property-added": "pass `{field}` on every call",
    "required-added": "pass `{field}` on every call",
    "parameter-added": "pass the `{field}` parameter on every call",
    "parameter-required-added": "pass the `{field}` parameter on every call",
    "request-body-added": "pass a request body on every call",
    "request-body-required-added": "pass a request body on every call",
    "request-body-removed": "stop passing a request body",
    "parameter-removed": "stop passing the `{field}` parameter",
    "required-removed": "handle `{field}` being absent (`UNSET`) when reading it",
    "nullable-added": "handle `{field}` being `None` when reading it",
    "nullable-removed": "stop sending `None` for `{field}`",
    "status-added": "handle the parsed result's new variant",
    "status-removed": "expect an APIStatusError where the status used to parse",
    "component-removed": "stop importing the removed model class",
    "model-name": "import the model class under its new name",
    "security": "configure the client with the credentials the new scheme asks for",
}
_VALUE = re.compile(r"^value (?P<value>\S+) removed")
_LOCATION = re.compile(
    r"^(?P<operation>[A-Z]+ \S+)"
    r"(?: (?P<part>request|response|parameter)(?:\[(?P<first>[^\]]*)\])?(?:\[[^\]]*\])?(?P<path>.*))?$"
)


@dataclass(frozen=True)
class Place:
    """A change's location in words: ``where`` for the entry, ``field`` for the action text."""

    where: str
    field: str


def place(location: str) -> Place:
    """``POST /clone-voice request[multipart/form-data].voice_provider`` -> `voice_provider` of the request..."""
    match = _LOCATION.match(location)
    if match is None:
        return Place(f"`{location}`", location)
    operation, part, first, path = match["operation"], match["part"], match["first"], match["path"] or ""
    field = path.lstrip(".") or operation
    if part == "parameter" and first:
        name = first.partition(":")[2] or first
        return Place(f"`{operation}` parameter `{name}`", name)
    if part == "request":
        return Place(f"`{field}` in the `{operation}` request" if path else f"the `{operation}` request body", field)
    if part == "response":
        status = f"{first} response" if first else "responses"
        return Place(f"`{field}` in the `{operation}` {status}" if path else f"the `{operation}` {status}", field)
    return Place(f"`{operation}`", operation)


def section(change: Change) -> str:
    """The Keep a Changelog section a change belongs in."""
    thing, _, direction = change.kind.rpartition("-")
    if thing in _THINGS and direction in {"added", "removed"}:
        return "Added" if direction == "added" else "Removed"
    if change.kind == "deprecated-added":
        return "Deprecated"
    return "Security" if change.kind == "security" else "Changed"


def line(change: Change) -> str:
    """One bullet: where, what changed and, for a breaking change, what callers must change."""
    where = place(change.location)
    text = f"{where.where}: {change.message}"
    if change.severity is not Severity.BREAKING:
        return f"- {text}."
    action = _ACTIONS.get(change.kind)
    value = _VALUE.match(change.message)
    if change.kind == "enum-value-removed" and value:
        request = " request" in change.location
        action = f"stop sending {value['value']}" if request else f"stop naming the member for {value['value']}"
    if action is None:
        action = f"review the code that sends or reads {where.where}"
    return f"- **Breaking:** {text}. Callers must {action.format(field=where.field)}."


@dataclass(frozen=True)
class Entry:
    """One release's entry: ``## [version] - date``, an intro paragraph, then ``### Section`` lists of bullets."""

    version: str
    date: datetime.date
    intro: tuple[str, ...] = ()
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def with_bullets(self, extra: Iterable[tuple[str, Sequence[str]]]) -> Entry:
        """This entry with ``extra`` bullets appended to their sections (a section it lacks is added)."""
        merged = {name: list(bullets) for name, bullets in self.sections}
        for name, bullets in extra:
            merged.setdefault(name, []).extend(bullets)
        return Entry(self.version, self.date, self.intro, tuple((n, tuple(b)) for n, b in merged.items() if b))

    def render(self) -> str:
        """The entry's markdown, ending with a newline."""
        lines = [f"## [{self.version}] - {self.date.isoformat()}", *self.intro]
        for name, bullets in self.sections:
            lines += [f"### {name}", *bullets]
        return "\n".join(lines) + "\n"


def entry_from_report(report: Report, version: str, date: datetime.date, distribution: str) -> Entry:
    """The changelog entry for a regeneration from the spec ``report`` compared (breaking changes first)."""
    documentation = [change for change in report.changes if change.kind in _DOCUMENTATION_KINDS]
    changes = [change for change in report.changes if change.kind not in _DOCUMENTATION_KINDS]
    sections: dict[str, list[Change]] = {}
    for change in sorted(changes, key=lambda c: (c.severity is not Severity.BREAKING, c.location, c.kind)):
        sections.setdefault(section(change), []).append(change)
    bullets = {name: [line(change) for change in found] for name, found in sections.items()}
    if documentation:
        shown = sorted({place(change.location).where for change in documentation})
        more = f" and {len(shown) - 3} more" if len(shown) > 3 else ""
        bullets.setdefault("Changed", []).append(
            f"- Documentation only, no effect on code: {len(documentation)} change(s) to descriptions, examples or "
            f"metadata ({', '.join(shown[:3])}{more})."
        )
    if not bullets:
        bullets["Changed"] = ["- Regenerated from the vendor's reworded spec: no change to the API."]
    breaking = {name for name, found in sections.items() if any(c.severity is Severity.BREAKING for c in found)}
    intro = f"Regenerated from the vendor's updated spec ({_counts(report)})."
    if breaking:
        intro += f" **Callers of `{distribution}` must change code**: see the entries marked Breaking."
    names = sorted(bullets, key=lambda name: (name not in breaking, SECTIONS.index(name)))
    return Entry(version, date, (intro,), tuple((name, tuple(bullets[name])) for name in names))


def parse_sections(body: str) -> list[tuple[str, list[str]]]:
    """The ``### Section`` lists of an entry's body (an ``[Unreleased]`` section's): text before any heading goes
    under Changed, and a line that is neither a bullet nor indented becomes a bullet."""
    sections: list[tuple[str, list[str]]] = []
    for raw in body.splitlines():
        heading = re.fullmatch(r"###\s+(.+?)\s*", raw)
        if heading:
            sections.append((heading[1], []))
        elif raw.strip():
            if not sections:
                sections.append(("Changed", []))
            text = raw.rstrip()
            sections[-1][1].append(text if text.startswith(("- ", "* ", " ", "\t")) else f"- {text}")
    return [(name, lines) for name, lines in sections if lines]


def unreleased(text: str) -> str:
    """The body of the ``## [Unreleased]`` section, stripped (empty when there is none)."""
    sections = _sections(text)
    if sections and sections[0][0] == _UNRELEASED:
        return text[sections[0][2] : sections[1][1] if len(sections) > 1 else len(text)].strip()
    return ""


def versions(text: str) -> list[str]:
    """The released versions the changelog lists, newest first."""
    return [name for name, _, _ in _sections(text) if name != _UNRELEASED]


def with_entry(text: str, entry: str, version: str, source: str) -> str:
    """``text`` with ``entry`` as its newest release: after the header, in place of an ``[Unreleased]`` section
    (whose body the caller has put into ``entry``); a version already listed is an error."""
    if version in versions(text):
        raise SdkgenError(f"{source}: already has an entry for {version}")
    sections = _sections(text)
    if not sections:
        return text.rstrip("\n") + "\n\n" + entry
    start = sections[0][1]
    end = start
    if sections[0][0] == _UNRELEASED:
        end = sections[1][1] if len(sections) > 1 else len(text)
    rest = text[end:]
    return text[:start] + entry + ("\n" + rest if rest else "")


def _sections(text: str) -> list[tuple[str, int, int]]:
    """``(name, start of the heading, end of the heading line)`` for each ``## [...]`` heading."""
    return [(match["name"], match.start(), match.end()) for match in _HEADING.finditer(text)]


def _counts(report: Report) -> str:
    breaking = sum(change.severity is Severity.BREAKING for change in report.changes)
    return f"{report.verdict.value} drift: {breaking} breaking, {len(report.changes) - breaking} non-breaking change(s)"
