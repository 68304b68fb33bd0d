"""Round trips of every growth construct over a loopback socket, through the low-level generated functions of ours
and of stock side by side: the answer parses into the right member and type, unknown enum values are kept (ours),
and what stock does instead is shown."""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pytest
from corpus import CONSTRUCTS, Builds
from endpoints import HTTP_METHODS, endpoint, stock_endpoint
from support.canned import Canned, CannedServer

TOKEN = "growth-token"
Check = Callable[[ModuleType, Any], None]
"""An expectation on a parsed answer, given the package's ``models`` module."""


def member(enum: str, value: object, *, known: bool = True) -> Check:
    """``parsed.value`` is the ``enum`` member of ``value``; ``known`` says whether the spec lists it (only ours'
    enums have ``is_known``)."""

    def check(models: ModuleType, parsed: Any) -> None:
        got = parsed.value
        assert type(got) is getattr(models, enum), f"{got!r} is a {type(got).__name__}, not a {enum}"
        assert got.value == value
        assert type(got.value) is type(value)
        if hasattr(got, "is_known"):
            assert got.is_known is known
            assert (got.name == "UNKNOWN") is not known

    return check


def plain(value: object) -> Check:
    """``parsed.value`` is ``value`` itself, of its exact type (no enum, no model)."""

    def check(models: ModuleType, parsed: Any) -> None:
        assert type(parsed.value) is type(value), f"{parsed.value!r} is a {type(parsed.value).__name__}"
        assert parsed.value == value

    return check


def settings(stability: float) -> Check:
    """``parsed.value`` is a ``Settings`` model."""

    def check(models: ModuleType, parsed: Any) -> None:
        assert type(parsed.value) is models.Settings
        assert parsed.value.stability == stability

    return check


def enums(status: str, priority: int, *, known: bool) -> Check:
    """``parsed`` is an ``Enums`` model whose ``status`` and ``priority`` hold those values."""

    def check(models: ModuleType, parsed: Any) -> None:
        assert (type(parsed.status), type(parsed.priority)) == (models.VoiceStatus, models.Priority)
        assert (parsed.status.value, parsed.priority.value) == (status, priority)
        if hasattr(parsed.status, "is_known"):
            assert (parsed.status.is_known, parsed.priority.is_known) == (known, known)

    return check


@dataclass(frozen=True)
class Case:
    """One construct's answer and what ours and stock make of it: a check, or the exception stock raises."""

    operation_id: str
    answer: object
    ours: Check
    stock: Check | type[Exception]
    note: str = field(default="", compare=False)


CASES = {
    "null first: null": Case("getNullFirst", {"value": None}, plain(None), plain(None)),
    "null first: model": Case("getNullFirst", {"value": {"stability": 0.5}}, settings(0.5), settings(0.5)),
    "null last: listed enum": Case(
        "getNullLast", {"value": "archived"}, member("VoiceStatus", "archived"), member("VoiceStatus", "archived")
    ),
    "null last: null": Case("getNullLast", {"value": None}, plain(None), plain(None)),
    "null last: unlisted enum": Case(
        "getNullLast",
        {"value": "deleted"},
        member("VoiceStatus", "deleted", known=False),
        plain("deleted"),
        note="stock falls through to the unchecked last member: a bare str where the type says VoiceStatus | None",
    ),
    "scalar first: scalar": Case("getScalarFirst", {"value": 5}, plain(5), plain(5)),
    "scalar first: model": Case("getScalarFirst", {"value": {"stability": 1.5}}, settings(1.5), settings(1.5)),
    "model first: model": Case("getModelFirst", {"value": {"stability": 2.5}}, settings(2.5), settings(2.5)),
    "model first: scalar": Case("getModelFirst", {"value": "text"}, plain("text"), plain("text")),
    "enums alone: listed": Case(
        "getEnums", {"status": "active", "priority": 2}, enums("active", 2, known=True), enums("active", 2, known=True)
    ),
    "enums alone: unlisted": Case(
        "getEnums", {"status": "deleted", "priority": 7}, enums("deleted", 7, known=False), ValueError
    ),
    "int and str enum: listed int": Case("getEnumUnion", {"value": 2}, member("Priority", 2), member("Priority", 2)),
    "int and str enum: listed str": Case(
        "getEnumUnion", {"value": "active"}, member("VoiceStatus", "active"), member("VoiceStatus", "active")
    ),
    "int and str enum: unlisted int": Case("getEnumUnion", {"value": 9}, member("Priority", 9, known=False), TypeError),
    "int and str enum: unlisted str": Case(
        "getEnumUnion", {"value": "gone"}, member("VoiceStatus", "gone", known=False), ValueError
    ),
    "two str enums: first's": Case("getTwoEnums", {"value": "fast"}, member("ModeA", "fast"), member("ModeA", "fast")),
    "two str enums: second's": Case(
        "getTwoEnums", {"value": "accurate"}, member("ModeB", "accurate"), member("ModeB", "accurate")
    ),
    "two str enums: unlisted": Case(
        "getTwoEnums", {"value": "turbo"}, member("ModeA", "turbo", known=False), ValueError
    ),
    "enum or string: listed": Case(
        "getEnumOrString", {"value": "active"}, member("VoiceStatus", "active"), member("VoiceStatus", "active")
    ),
    "enum or string: other string": Case(
        "getEnumOrString", {"value": "free text"}, plain("free text"), plain("free text")
    ),
    "int enum or bool: listed": Case("getEnumOrBool", {"value": 3}, member("Priority", 3), member("Priority", 3)),
    "int enum or bool: true": Case(
        "getEnumOrBool",
        {"value": True},
        plain(True),
        member("Priority", 1),
        note="stock: True == 1, so the int enum claims a JSON true",
    ),
    "int enum or bool: false": Case("getEnumOrBool", {"value": False}, plain(False), plain(False)),
    "int enum or bool: unlisted int": Case(
        "getEnumOrBool",
        {"value": 8},
        member("Priority", 8, known=False),
        plain(8),
        note="stock falls through to the unchecked bool member: an int where the type says Priority | bool",
    ),
    "int enum or number: listed": Case("getEnumOrNumber", {"value": 1}, member("Priority", 1), member("Priority", 1)),
    "int enum or number: other int": Case("getEnumOrNumber", {"value": 8}, plain(8), plain(8)),
    "int enum or number: float": Case("getEnumOrNumber", {"value": 2.5}, plain(2.5), plain(2.5)),
}
STOCK_DEFECTS = {name for name, case in CASES.items() if case.stock != case.ours and case.note}


@dataclass(frozen=True)
class Side:
    """One package of a growth spec: how to reach its endpoints and its models."""

    name: str
    package: ModuleType
    models: ModuleType
    endpoint: Callable[[str], ModuleType]

    def client(self, growth_server: CannedServer) -> Any:
        """The package's low-level ``AuthenticatedClient`` pointed at ``server``."""
        return self.package.client.AuthenticatedClient(base_url=growth_server.base_url, token=TOKEN)

    def call(self, growth_server: CannedServer, operation_id: str, **arguments: Any) -> Any:
        """``sync_detailed`` of ``operation_id`` with ``arguments``: the whole ``Response``."""
        with self.client(growth_server) as client:
            return self.endpoint(operation_id).sync_detailed(client=client, **arguments)


def sides(builds: Builds, name: str) -> tuple[Side, Side]:
    """Ours and stock of growth spec ``name``."""
    growth = builds[name].growth
    ours_package = importlib.import_module(growth.package)
    stock_package = importlib.import_module(growth.stock_package)
    for module in (f"{growth.package}.client", f"{growth.stock_package}.client"):
        importlib.import_module(module)
    return (
        Side("ours", ours_package, importlib.import_module(f"{growth.package}.models"),
             lambda operation_id: endpoint(growth.package, operation_id)),
        Side("stock", stock_package, importlib.import_module(f"{growth.stock_package}.models"),
             lambda operation_id: stock_endpoint(growth.package, growth.stock_package, operation_id)),
    )  # fmt: skip


def route(spec: dict[str, Any], operation_id: str) -> tuple[str, str]:
    """The (METHOD, path) of ``operation_id`` in ``spec`` (for operations without path parameters)."""
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS and operation["operationId"] == operation_id:
                return method.upper(), path
    raise LookupError(operation_id)


@dataclass(frozen=True)
class Growth:
    """A constructs spec and its two sides."""

    spec: dict[str, Any]
    ours: Side
    stock: Side

    def side(self, name: str) -> Side:
        """``ours`` or ``stock``."""
        chosen: Side = getattr(self, name)
        return chosen


@pytest.fixture(params=CONSTRUCTS)
def growth(request: pytest.FixtureRequest, builds: Builds) -> Growth:
    """A constructs spec, and its ours and stock sides."""
    name: str = request.param
    return Growth(builds[name].growth.spec, *sides(builds, name))


@pytest.fixture(params=["ours", "stock"])
def chosen(request: pytest.FixtureRequest, growth: Growth) -> Side:
    """Ours, then stock, of the constructs spec: for the shapes both parse alike."""
    return growth.side(request.param)


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_each_construct_parses_into_the_right_member_and_type(
    growth: Growth, growth_server: CannedServer, case: Case
) -> None:
    ours, stock = growth.ours, growth.stock
    growth_server.answer(*route(growth.spec, case.operation_id), Canned.json(200, case.answer))

    response = ours.call(growth_server, case.operation_id)
    case.ours(ours.models, response.parsed)
    assert response.parsed.to_dict() == case.answer, "ours round-trips the answer, unknown values included"
    assert growth_server.requests[-1].headers["Authorization"] == f"Bearer {TOKEN}"

    if isinstance(case.stock, type):
        with pytest.raises(case.stock):
            stock.call(growth_server, case.operation_id)
    else:
        case.stock(stock.models, stock.call(growth_server, case.operation_id).parsed)


def test_the_table_shows_each_stock_defect_with_its_reason() -> None:
    expected = {"null last: unlisted enum", "int enum or bool: true", "int enum or bool: unlisted int"}
    assert expected == STOCK_DEFECTS


VOICE = {
    "id": "v1",
    "name": "Ann",
    "status": "active",
    "created_at": "2026-01-02T03:04:05+00:00",
    "description": None,
    "samples": [
        {"url": "https://example.test/a.wav", "seconds": 1.5},
        {"url": "https://example.test/b.wav", "seconds": 2},
    ],
    "labels": {"lang": "en"},
}


def test_path_query_and_header_parameters_go_out_and_a_model_with_nested_shapes_comes_back(
    chosen: Side, growth_server: CannedServer
) -> None:
    growth_server.answer("GET", "/voices/v%201%2F2", Canned.json(200, VOICE))
    response = chosen.call(
        growth_server, "getVoice", voice_id="v 1/2", limit=3, sort=chosen.models.SortOrder.NEWEST, fields=["a", "b"],
        x_request_id="req-7",
    )  # fmt: skip
    sent = growth_server.requests[-1]
    assert (sent.method, sent.path) == ("GET", "/voices/v%201%2F2")
    assert sent.query == {"limit": ["3"], "sort": ["newest"], "fields": ["a", "b"]}
    assert sent.headers["X-Request-Id"] == "req-7"

    voice = response.parsed
    assert type(voice) is chosen.models.Voice
    assert voice.created_at == datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    assert voice.description is None
    assert [type(sample) for sample in voice.samples] == [chosen.models.Sample] * 2
    assert type(voice.labels) is chosen.models.Labels
    assert voice.labels.additional_properties == {"lang": "en"}
    assert voice.to_dict() == VOICE


def test_a_json_body_goes_out_as_json_and_additional_properties_come_back(
    chosen: Side, growth_server: CannedServer
) -> None:
    models = chosen.models
    growth_server.answer("PUT", "/voices/v1/labels", Canned.json(200, {"lang": "en", "tier": "gold"}))
    body = models.LabelUpdate(labels=models.Labels.from_dict({"lang": "en"}), replace=True)
    labels = chosen.call(growth_server, "setLabels", voice_id="v1", body=body).parsed
    sent = growth_server.requests[-1]
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.json() == {"labels": {"lang": "en"}, "replace": True}
    assert type(labels) is models.Labels
    assert labels.additional_properties == {"lang": "en", "tier": "gold"}


def test_all_of_and_additional_properties_of_models(growth: Growth, chosen: Side, growth_server: CannedServer) -> None:
    owner = {"name": "Ann", "email": "ann@example.test", "team": "voice"}
    growth_server.answer(*route(growth.spec, "getAllOf"), Canned.json(200, owner))
    parsed = chosen.call(growth_server, "getAllOf").parsed
    assert type(parsed) is chosen.models.Owner
    assert (parsed.name, parsed.email, parsed.team) == ("Ann", "ann@example.test", "voice")

    samples = {"a": {"url": "u", "seconds": 1.0}, "b": {"url": "v", "seconds": 2.0}}
    growth_server.answer(*route(growth.spec, "getAdditional"), Canned.json(200, samples))
    parsed = chosen.call(growth_server, "getAdditional").parsed
    assert type(parsed) is chosen.models.SampleMap
    assert {key: type(value) for key, value in parsed.additional_properties.items()} == {
        "a": chosen.models.Sample, "b": chosen.models.Sample
    }  # fmt: skip
    assert parsed.to_dict() == samples


def test_scalar_and_list_responses(growth: Growth, chosen: Side, growth_server: CannedServer) -> None:
    growth_server.answer(*route(growth.spec, "countVoices"), Canned.json(200, 7))
    growth_server.answer(*route(growth.spec, "listVoiceNames"), Canned.json(200, ["Ann", "Bob"]))
    growth_server.answer(*route(growth.spec, "listVoices"), Canned.json(200, [VOICE, VOICE]))
    assert chosen.call(growth_server, "countVoices").parsed == 7
    assert chosen.call(growth_server, "listVoiceNames").parsed == ["Ann", "Bob"]
    voices = chosen.call(growth_server, "listVoices").parsed
    assert [type(voice) for voice in voices] == [chosen.models.Voice] * 2


def test_several_2xx_codes_and_a_default_answer_each_parse_into_their_model(
    growth: Growth, chosen: Side, growth_server: CannedServer
) -> None:
    models = chosen.models
    body = models.JobRequest(voice_id="v1", priority=models.Priority.VALUE_2)
    for status, answer, expected in [
        (200, {"url": "u", "seconds": 1.0}, models.Sample),
        (202, {"job_id": "j1", "state": "queued"}, models.Job),
        (500, {"message": "boom", "code": 17}, models.Problem),
        (418, {"message": "teapot"}, models.Problem),
    ]:
        growth_server.answer(*route(growth.spec, "startJob"), Canned.json(status, answer))
        response = chosen.call(growth_server, "startJob", body=body)
        assert (response.status_code, type(response.parsed)) == (status, expected)
        assert response.parsed.to_dict() == answer
    assert growth_server.requests[-1].json() == {"voice_id": "v1", "priority": 2}


def test_204_without_a_body_and_undocumented_statuses(chosen: Side, growth_server: CannedServer) -> None:
    growth_server.answer("DELETE", "/voices/v1", Canned(204))
    response = chosen.call(growth_server, "deleteVoice", voice_id="v1")
    assert (response.status_code, response.content, response.parsed) == (204, b"", None)

    growth_server.answer("GET", "/voices/v1", Canned.json(503, {"message": "later"}))
    with chosen.client(growth_server) as client:
        unchecked = chosen.endpoint("getVoice").sync_detailed(client=client, voice_id="v1", x_request_id="r")
        assert (unchecked.status_code, unchecked.parsed) == (503, None)
    strict = chosen.package.client.AuthenticatedClient(
        base_url=growth_server.base_url, token=TOKEN, raise_on_unexpected_status=True
    )
    with strict, pytest.raises(importlib.import_module(f"{chosen.package.__name__}.errors").UnexpectedStatus) as caught:
        chosen.endpoint("getVoice").sync_detailed(client=strict, voice_id="v1", x_request_id="r")
    assert caught.value.status_code == 503
