"""The fixture corpus (corpus.yaml): every spec pair gets its expected verdict and exactly its expected changes."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from sdkgen.drift.check import upstream_check
from sdkgen.drift.model import Verdict
from sdkgen.errors import SdkgenError
from sdkgen.pages import extract_openapi
from sdkgen.specs import parse_spec
from sdkgen.vendors import VENDORS

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus.yaml").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = CORPUS["cases"]
KNOWN_FIELDS = {
    "id", "vendor", "base_edits", "edits", "form", "text_replace", "raw", "raw_name", "fetch", "verdict", "changes",
    "message", "error",
}  # fmt: skip


def _pointer(path: str, vendor: str) -> list[str]:
    head, _, rest = path.partition("/") if path.startswith("$") else ("", "", path.lstrip("/"))
    if head:
        rest = CORPUS["aliases"][vendor][head].lstrip("/") + ("/" + rest if rest else "")
    return [part.replace("~1", "/").replace("~0", "~") for part in rest.split("/")]


def _parent(document: Any, parts: list[str]) -> Any:
    for part in parts[:-1]:
        document = document[int(part)] if isinstance(document, list) else document[part]
    return document


def _remove(document: Any, parts: list[str]) -> Any:
    parent, last = _parent(document, parts), parts[-1]
    return parent.pop(int(last)) if isinstance(parent, list) else parent.pop(last)


def _add(document: Any, parts: list[str], value: Any) -> None:
    parent, last = _parent(document, parts), parts[-1]
    if isinstance(parent, list):
        parent.insert(len(parent) if last == "-" else int(last), value)
    else:
        parent[last] = value


def apply_edits(document: dict[str, Any], edits: list[dict[str, Any]], vendor: str) -> dict[str, Any]:
    """A copy of ``document`` with the JSON-patch ``edits`` applied (add, remove, replace, move)."""
    document = copy.deepcopy(document)
    for edit in edits:
        parts = _pointer(edit["path"], vendor)
        if edit["op"] == "add":
            _add(document, parts, copy.deepcopy(edit["value"]))
        elif edit["op"] == "remove":
            _remove(document, parts)
        elif edit["op"] == "replace":
            _parent(document, parts)[int(parts[-1]) if parts[-1].isdigit() else parts[-1]] = edit["value"]
        elif edit["op"] == "move":
            _add(document, parts, _remove(document, _pointer(edit["from"], vendor)))
        else:
            raise ValueError(f"unknown op {edit['op']}")
    return document


def _reversed(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _reversed(node[key]) for key in reversed(list(node))}
    if isinstance(node, list):
        return [_reversed(item) for item in node]
    return node


def dump(document: Any, **options: Any) -> str:
    """``document`` as YAML, in its own key order, written by libyaml (as fast as the loader sdkgen uses)."""
    text: str = yaml.dump(document, Dumper=yaml.CSafeDumper, sort_keys=False, **options)
    return text


def render(document: dict[str, Any], form: str, vendor: str) -> tuple[str, str]:
    """``document`` written as ``form``; returns the text and a file name that says what it is."""
    if form == "json":
        return json.dumps(document, indent=1), "upstream.json"
    if form == "reordered":
        return dump(_reversed(document), indent=4, default_flow_style=None), "upstream.yaml"
    text = dump(document, allow_unicode=True)
    if form == "page":
        page = VENDORS[vendor].page_path().read_text(encoding="utf-8")
        return page.replace(extract_openapi(page, "page"), text), "page.md"
    assert form == "yaml", form
    return text, "upstream.yaml"


def vendored(vendor: str) -> dict[str, Any]:
    return parse_spec(VENDORS[vendor].spec_path().read_text(encoding="utf-8"), vendor)


def materialise(case: dict[str, Any], directory: Path, upstream_server: Any, closed_url: str) -> tuple[str, str | None]:
    """Write (or serve) the case's upstream and base; returns the ``--upstream`` and ``--base`` arguments."""
    vendor = case["vendor"]
    base_document = apply_edits(vendored(vendor), case.get("base_edits", []), vendor)
    base = None
    if "base_edits" in case:
        base = str(directory / "base.yaml")
        Path(base).write_text(dump(base_document), encoding="utf-8")
    if "raw" in case:
        text, name = case["raw"], case.get("raw_name", "upstream.yaml")
    else:
        text, name = render(apply_edits(base_document, case.get("edits", []), vendor), case.get("form", "yaml"), vendor)
    for old, new in case.get("text_replace", []):
        assert old in text, f"{case['id']}: text_replace target {old!r} not found"
        before, _, after = text.rpartition(old)
        text = before + new + after
    fetch = case.get("fetch")
    if fetch == "served":
        return upstream_server.publish(f"{case['id']}/{name}", text), base
    if fetch == "404":
        return upstream_server.url(f"{case['id']}/missing/{name}"), base
    if fetch == "unreachable":
        return closed_url, base
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return str(path), base


def test_corpus_is_large_and_covers_every_kind_and_both_vendors():
    assert len(CASES) >= 30
    assert {case["vendor"] for case in CASES} == set(VENDORS)
    assert len({case["id"] for case in CASES}) == len(CASES)
    assert all(set(case) <= KNOWN_FIELDS for case in CASES)
    kinds = {change[1] for case in CASES for change in case.get("changes", [])}
    assert kinds >= {
        "operation-removed", "operation-added", "operation-id", "tags", "property-added", "property-removed",
        "enum-value-added", "enum-value-removed", "constraint", "status-added", "status-removed", "type", "format",
        "model-name", "component-added", "component-removed", "security", "server", "description",
        "info", "extension", "default", "additional-properties", "composition", "example",
        "parameter-serialisation", "documentation", "schema", "parameter-added", "parameter-removed",
    }  # fmt: skip
    # A rule that can go either way names the direction, and the corpus has both.
    for switch in (
        "required", "request-body-required", "parameter-required", "nullable", "enum", "deprecated", "media-type",
        "server", "request-body",
    ):  # fmt: skip
        assert {f"{switch}-added", f"{switch}-removed"} <= kinds, switch
    assert kinds.isdisjoint({"required", "parameter-required", "nullable", "enum", "deprecated", "media-type"})
    verdicts = {case["verdict"] for case in CASES}
    assert verdicts == {"none", "non-breaking", "breaking", "error"}


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case, tmp_path, page_server, closed_port_url):
    vendor = VENDORS[case["vendor"]]
    upstream_arg, base_arg = materialise(case, tmp_path, page_server, closed_port_url)
    if case["verdict"] == "error":
        with pytest.raises(SdkgenError) as raised:
            upstream_check(vendor, upstream_arg, base_arg)
        assert case["error"] in str(raised.value)
        assert upstream_arg.rsplit("/", 1)[-1] in str(raised.value), "the message names the input"
        return
    report, _ = upstream_check(vendor, upstream_arg, base_arg)
    found = sorted((change.severity.value, change.kind, change.location) for change in report.changes)
    assert found == sorted(tuple(change) for change in case.get("changes", [])), [c.message for c in report.changes]
    assert report.verdict is Verdict(case["verdict"])
    if "message" in case:
        assert any(case["message"] in change.message for change in report.changes)
