"""Semantic comparison of two resolved OpenAPI documents, judged from the side of code that uses the client.

Operations are matched by method and path template (``/voices/{id}`` matches ``/voices/{voice_id}``), parameters by
location and name, responses by status code, media types and properties by name; key order, YAML formatting and
whether a schema is inline or a ``$ref`` do not count (except where the generator names a class after it).
Component schemas are compared through the operations that use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sdkgen.drift.model import Change, Severity, toggled
from sdkgen.drift.schemas import (
    Direction,
    Site,
    compare_schema,
    describe_change,
    extensions_change,
    makes_class,
    show,
)

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Security scheme fields whose change makes existing credentials or headers wrong.
_AUTH_FIELDS = ("type", "scheme", "in", "name", "flows", "openIdConnectUrl")
_TEMPLATE = re.compile(r"\{[^}]*\}")
_B, _N = Severity.BREAKING, Severity.NON_BREAKING


@dataclass(frozen=True)
class Operation:
    """One operation with the path-level parameters merged into its own, keyed by ``(in, name)``."""

    method: str
    path: str
    data: dict[str, Any]
    parameters: dict[tuple[str, str], dict[str, Any]]

    @property
    def label(self) -> str:
        """``POST /clone-voice``."""
        return f"{self.method.upper()} {self.path}"


def operations(spec: dict[str, Any]) -> dict[tuple[str, str], Operation]:
    """The operations of a resolved document keyed by method and path template with parameter names blanked."""
    found: dict[tuple[str, str], Operation] = {}
    for path, item in (spec.get("paths") or {}).items():
        shared = _parameters(item.get("parameters"))
        for method in METHODS:
            data = item.get(method)
            if isinstance(data, dict):
                parameters = {**shared, **_parameters(data.get("parameters"))}
                found[(method, _TEMPLATE.sub("{}", path))] = Operation(method, path, data, parameters)
    return found


def compare(base: dict[str, Any], upstream: dict[str, Any]) -> list[Change]:
    """The changes from ``base`` to ``upstream`` (both resolved), sorted with the breaking ones first."""
    out: list[Change] = []
    _info(base.get("info") or {}, upstream.get("info") or {}, out)
    _servers(base.get("servers"), upstream.get("servers"), "servers", out)
    old_ops, new_ops = operations(base), operations(upstream)
    _security_schemes(base, upstream, old_ops, out)
    old_security, new_security = _requirements(base.get("security")), _requirements(upstream.get("security"))
    _security(old_security, new_security, "security", out)
    _component_names(base, upstream, out)
    for key in sorted(old_ops.keys() - new_ops.keys()):
        out.append(Change(_B, "operation-removed", old_ops[key].label, "operation removed: calls to it fail"))
    for key in sorted(new_ops.keys() - old_ops.keys()):
        out.append(Change(_N, "operation-added", new_ops[key].label, "new operation"))
    for key in sorted(old_ops.keys() & new_ops.keys()):
        old, new = old_ops[key], new_ops[key]
        if "security" in old.data or "security" in new.data:
            old_effective = _requirements(old.data["security"]) if "security" in old.data else old_security
            new_effective = _requirements(new.data["security"]) if "security" in new.data else new_security
            _security(old_effective, new_effective, f"{new.label} security", out)
        _operation(old, new, out)
    return sorted(set(out))


def _operation(old: Operation, new: Operation, out: list[Change]) -> None:
    where = new.label
    was, now = old.data.get("operationId"), new.data.get("operationId")
    if was != now:
        message = f"operationId {was!r} -> {now!r}: the generated module and functions are renamed"
        out.append(Change(_B, "operation-id", where, message))
    old_tags, new_tags = old.data.get("tags") or ["default"], new.data.get("tags") or ["default"]
    if old_tags[0] != new_tags[0]:
        message = f"first tag {old_tags[0]!r} -> {new_tags[0]!r}: the generated functions move to the new tag's module"
        out.append(Change(_B, "tags", where, message))
    elif set(old_tags) != set(new_tags):
        out.append(Change(_N, "tags", where, f"tags {sorted(old_tags)} -> {sorted(new_tags)} (only the first counts)"))
    if bool(old.data.get("deprecated")) != bool(new.data.get("deprecated")):
        now = bool(new.data.get("deprecated"))
        out.append(Change(_N, toggled("deprecated", now), where, "now deprecated" if now else "no longer deprecated"))
    describe_change(old.data, new.data, where, out)
    extensions_change(old.data, new.data, where, out)
    _servers(old.data.get("servers"), new.data.get("servers"), f"{where} servers", out)
    _parameters_change(old, new, out)
    _request_body(old.data.get("requestBody"), new.data.get("requestBody"), f"{where} request", out)
    _responses(old.data.get("responses") or {}, new.data.get("responses") or {}, f"{where} response", out)


def _parameters(raw: Any) -> dict[tuple[str, str], dict[str, Any]]:
    return {(str(item.get("in")), str(item.get("name"))): item for item in raw or [] if isinstance(item, dict)}


def _parameters_change(old: Operation, new: Operation, out: list[Change]) -> None:
    for key in sorted(old.parameters.keys() - new.parameters.keys()):
        where = f"{new.label} parameter[{key[0]}:{key[1]}]"
        out.append(Change(_B, "parameter-removed", where, "parameter removed: calls that pass it fail"))
    for key in sorted(new.parameters.keys() - old.parameters.keys()):
        where = f"{new.label} parameter[{key[0]}:{key[1]}]"
        if _required_parameter(new.parameters[key]):
            out.append(Change(_B, "parameter-added", where, "new required parameter: calls without it fail"))
        else:
            out.append(Change(_N, "parameter-added", where, "new optional parameter"))
    for key in sorted(old.parameters.keys() & new.parameters.keys()):
        was, now = old.parameters[key], new.parameters[key]
        where = f"{new.label} parameter[{key[0]}:{key[1]}]"
        if _required_parameter(was) != _required_parameter(now):
            if _required_parameter(now):
                out.append(Change(_B, "parameter-required-added", where, "now required: calls without it fail"))
            else:
                out.append(Change(_N, "parameter-required-removed", where, "now optional"))
        compare_schema(was.get("schema") or {}, now.get("schema") or {}, Site(Direction.REQUEST, where, out))
        describe_change(was, now, where, out)
        extensions_change(was, now, where, out)
        for field in ("style", "explode", "allowReserved", "allowEmptyValue", "content"):
            if was.get(field) != now.get(field):
                message = f"{field} changed: the server expects the value serialised differently"
                out.append(Change(_B, "parameter-serialisation", where, message))
        if bool(was.get("deprecated")) != bool(now.get("deprecated")):
            deprecated = bool(now.get("deprecated"))
            message = "now deprecated" if deprecated else "no longer deprecated"
            out.append(Change(_N, toggled("deprecated", deprecated), where, message))


def _required_parameter(parameter: dict[str, Any]) -> bool:
    return parameter.get("in") == "path" or parameter.get("required") is True


def _request_body(old: Any, new: Any, where: str, out: list[Change]) -> None:
    if not isinstance(old, dict) and not isinstance(new, dict):
        return
    if not isinstance(new, dict):
        out.append(
            Change(_B, "request-body-removed", where, "request body removed: the functions lose their body argument")
        )
        return
    if not isinstance(old, dict):
        if new.get("required") is True:
            out.append(Change(_B, "request-body-added", where, "new required request body: calls without it fail"))
        else:
            out.append(Change(_N, "request-body-added", where, "new optional request body"))
        return
    was, now = old.get("required") is True, new.get("required") is True
    if was != now:
        if now:
            out.append(Change(_B, "request-body-required-added", where, "request body is now required"))
        else:
            out.append(Change(_N, "request-body-required-removed", where, "request body is now optional"))
    describe_change(old, new, where, out)
    _content(old.get("content") or {}, new.get("content") or {}, Direction.REQUEST, where, out)


def _responses(old: dict[Any, Any], new: dict[Any, Any], where: str, out: list[Change]) -> None:
    old = {str(code): value for code, value in old.items()}
    new = {str(code): value for code, value in new.items()}
    for code in sorted(old.keys() - new.keys()):
        if _success(code):
            message = f"success status {code} removed: the client no longer parses it and raises instead"
            out.append(Change(_B, "status-removed", f"{where}[{code}]", message))
        else:
            message = f"error status {code} removed: the client raises by status code whether it is documented or not"
            out.append(Change(_N, "status-removed", f"{where}[{code}]", message))
    for code in sorted(new.keys() - old.keys()):
        if _success(code):
            message = (
                f"new success status {code}: the parsed result's type gains a variant, and responses with this "
                "status no longer raise ResponseValidationError"
            )
            out.append(Change(_B, "status-added", f"{where}[{code}]", message))
        else:
            out.append(Change(_N, "status-added", f"{where}[{code}]", f"new error status {code}"))
    for code in sorted(old.keys() & new.keys()):
        was, now = old[code], new[code]
        if isinstance(was, dict) and isinstance(now, dict):
            direction = Direction.RESPONSE if _success(code) else Direction.ERROR
            describe_change(was, now, f"{where}[{code}]", out)
            _content(was.get("content") or {}, now.get("content") or {}, direction, f"{where}[{code}]", out)


def _success(code: str) -> bool:
    return code.startswith("2")


def _content(old: dict[str, Any], new: dict[str, Any], direction: Direction, where: str, out: list[Change]) -> None:
    for media in sorted(old.keys() - new.keys()):
        if direction is Direction.REQUEST:
            severity, effect = _B, "no longer accepted: calls sending it fail"
        elif direction is Direction.RESPONSE:
            severity, effect = _B, "no longer returned: parsing changes"
        else:
            severity, effect = _N, "no longer documented for this error"
        out.append(Change(severity, "media-type-removed", f"{where}[{media}]", f"{media} {effect}"))
    for media in sorted(new.keys() - old.keys()):
        out.append(Change(_N, "media-type-added", f"{where}[{media}]", f"{media} now documented"))
    for media in sorted(old.keys() & new.keys()):
        was, now = old[media] or {}, new[media] or {}
        compare_schema(was.get("schema") or {}, now.get("schema") or {}, Site(direction, f"{where}[{media}]", out))
        describe_change(was, now, f"{where}[{media}]", out)


def _info(old: dict[str, Any], new: dict[str, Any], out: list[Change]) -> None:
    for field in ("title", "version"):
        if old.get(field) != new.get(field):
            out.append(Change(_N, "info", "info", f"{field} {old.get(field)!r} -> {new.get(field)!r}"))
    describe_change(old, new, "info", out)


def _servers(old: Any, new: Any, where: str, out: list[Change]) -> None:
    old_list = [server for server in old or [] if isinstance(server, dict)]
    new_list = [server for server in new or [] if isinstance(server, dict)]
    for index in range(max(len(old_list), len(new_list))):
        location = f"{where}[{index}]"
        if index >= len(new_list):
            out.append(Change(_N, "server-removed", location, f"server {old_list[index].get('url')!r} removed"))
        elif index >= len(old_list):
            out.append(Change(_N, "server-added", location, f"server {new_list[index].get('url')!r} added"))
        else:
            was, now = old_list[index], new_list[index]
            if was.get("url") != now.get("url"):
                message = f"URL {was.get('url')!r} -> {now.get('url')!r}"
                if index == 0 and where == "servers":
                    message += ": the client's default base_url follows it"
                out.append(Change(_N, "server", location, message))
            if was.get("variables") != now.get("variables"):
                out.append(Change(_N, "server", location, "variables changed"))
            describe_change(was, now, location, out)


def _security_schemes(
    base: dict[str, Any], upstream: dict[str, Any], old_ops: dict[tuple[str, str], Operation], out: list[Change]
) -> None:
    old: dict[str, Any] = (base.get("components") or {}).get("securitySchemes") or {}
    new: dict[str, Any] = (upstream.get("components") or {}).get("securitySchemes") or {}
    used = {name for alternative in _requirements(base.get("security")) for name in alternative}
    for operation in old_ops.values():
        used.update(name for alternative in _requirements(operation.data.get("security")) for name in alternative)
    for name in sorted(old.keys() - new.keys()):
        where = f"components.securitySchemes.{name}"
        if name in used:
            out.append(Change(_B, "security", where, "security scheme in use removed: the auth scheme changed"))
        else:
            out.append(Change(_N, "security", where, "unused security scheme removed"))
    for name in sorted(new.keys() - old.keys()):
        out.append(Change(_N, "security", f"components.securitySchemes.{name}", "new security scheme"))
    for name in sorted(old.keys() & new.keys()):
        was, now, where = old[name], new[name], f"components.securitySchemes.{name}"
        changed = [field for field in _AUTH_FIELDS if was.get(field) != now.get(field)]
        if changed:
            details = ", ".join(f"{field} {show(was.get(field))} -> {show(now.get(field))}" for field in changed)
            out.append(Change(_B if name in used else _N, "security", where, f"auth scheme changed: {details}"))
        if was.get("bearerFormat") != now.get("bearerFormat"):
            out.append(Change(_N, "security", where, "bearerFormat changed (a hint)"))
        describe_change(was, now, where, out)


def _requirements(raw: Any) -> frozenset[frozenset[str]]:
    # Alternatives, each a set of scheme names; no requirement at all is the one anonymous alternative.
    alternatives = frozenset(frozenset(item) for item in raw or [] if isinstance(item, dict))
    return alternatives or frozenset({frozenset()})


def _security(old: frozenset[frozenset[str]], new: frozenset[frozenset[str]], where: str, out: list[Change]) -> None:
    # A caller that satisfied an old alternative still works if some new alternative asks for no more than it.
    if old == new:
        return
    text = f"{_show_requirements(old)} -> {_show_requirements(new)}"
    if all(any(alternative <= credentials for alternative in new) for credentials in old):
        out.append(Change(_N, "security", where, f"security requirement widened: {text}"))
    else:
        out.append(Change(_B, "security", where, f"security requirement changed: {text}: the auth scheme changed"))


def _show_requirements(requirements: frozenset[frozenset[str]]) -> str:
    return " or ".join(sorted(" and ".join(sorted(names)) or "anonymous" for names in requirements))


def _component_names(base: dict[str, Any], upstream: dict[str, Any], out: list[Change]) -> None:
    # The generator makes a class for every object or enum component, used or not: a removed one takes it along.
    old: dict[str, Any] = (base.get("components") or {}).get("schemas") or {}
    new: dict[str, Any] = (upstream.get("components") or {}).get("schemas") or {}
    for name in sorted(old.keys() - new.keys()):
        where = f"components.schemas.{name}"
        if makes_class(old[name]):
            out.append(Change(_B, "component-removed", where, "component removed: its class goes, imports of it fail"))
        else:
            out.append(Change(_N, "component-removed", where, "component removed (it made no class of its own)"))
    for name in sorted(new.keys() - old.keys()):
        out.append(Change(_N, "component-added", f"components.schemas.{name}", "new component schema"))
