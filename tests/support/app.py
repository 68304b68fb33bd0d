"""A connexion app per vendored spec: strict request validation, any bearer token, errors in the vendor's shape."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import yaml
from connexion import AsyncApp
from connexion.exceptions import BadRequestProblem, ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from connexion.security import BearerSecurityHandler
from connexion.uri_parsing import OpenAPIURIParser
from connexion.validators import VALIDATOR_MAP, MultiPartFormDataValidator
from starlette.datastructures import FormData
from starlette.formparsers import MultiPartParser

from sdkgen.vendors import VENDORS

from .voices import HANDLERS, VoiceStore


def load_spec(vendor: str) -> dict[str, Any]:
    """The vendored OpenAPI document of ``vendor`` (``retell`` or ``vogent``)."""
    spec: dict[str, Any] = yaml.safe_load(VENDORS[vendor].spec_path().read_text(encoding="utf-8"))
    return spec


def base_path(spec: Mapping[str, Any]) -> str:
    """The path of the spec's first server URL, under which its operations are served: ``/api`` for Vogent."""
    url: str = spec["servers"][0]["url"]
    return urlsplit(url).path.rstrip("/")


def build_app(vendor: str, spec: Mapping[str, Any], store: VoiceStore) -> AsyncApp:
    """Connexion serving ``spec`` with ``vendor``'s handler, which records into ``store``.

    A request reaches the handler only if it has an ``Authorization: Bearer <any token>`` header (else 401)
    and its body validates strictly: no unknown fields, no missing ones, enums and lengths as specified,
    and no non-array field sent twice (else 400).
    """
    app = AsyncApp(
        __name__,
        strict_validation=True,
        validate_responses=True,
        security_map={"bearer": _AnyBearerToken},
        uri_parser_class=_SingleValuedForm,
        swagger_ui_options=SwaggerUIOptions(serve_spec=False, swagger_ui=False),
        validator_map={"body": {**VALIDATOR_MAP["body"], "multipart/form-data": _MultiPartValidator}},
    )
    operations = {"cloneVoice": HANDLERS[vendor](store, spec)}
    app.add_api(dict(spec), base_path=base_path(spec), resolver=Resolver(operations.__getitem__))
    app.add_error_handler(ProblemException, _vendor_error)
    return app


class _AnyBearerToken(BearerSecurityHandler):  # type: ignore[misc]
    """The spec's bearer scheme, accepting any token; the handler gets it as connexion's ``user``."""

    def _resolve_func(self, _security_scheme: Mapping[str, Any]) -> Callable[[str], dict[str, str]]:
        return _token_info


def _token_info(token: str) -> dict[str, str]:
    return {"sub": token}


class _SingleValuedForm(OpenAPIURIParser):  # type: ignore[misc]
    """Form parsing that rejects a non-array field sent more than once; connexion joins the values with commas."""

    def resolve_form(self, form_data: dict[str, list[Any]]) -> dict[str, Any]:
        for name, values in form_data.items():
            if len(values) > 1 and self.form_defns.get(name, {}).get("type") != "array":
                raise BadRequestProblem(detail=f"form field {name!r} sent {len(values)} times")
        resolved: dict[str, Any] = super().resolve_form(form_data)
        return resolved


async def _vendor_error(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    """A connexion problem (400, 401, 415...) as the specs' error body: ``{"status": "error", "message": ...}``."""
    assert isinstance(exc, ProblemException)
    body = {"status": "error", "message": exc.detail or exc.title}
    return ConnexionResponse(exc.status, "application/json", "application/json", json.dumps(body), exc.headers)


class _ClosingMultiPartParser(MultiPartParser):
    """starlette's multipart parser, closing the files it spooled as soon as the form is parsed."""

    async def parse(self) -> FormData:
        form: FormData = await super().parse()
        await form.close()
        return form


class _MultiPartValidator(MultiPartFormDataValidator):  # type: ignore[misc]
    """connexion's multipart validator, which parses the form a first time only to see which fields are files and
    never closes those (each warns, unclosed, when collected); here they are closed once parsed."""

    @property
    def _form_parser_cls(self) -> type[MultiPartParser]:
        return _ClosingMultiPartParser
