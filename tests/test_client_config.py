"""Front-door configuration: API key and base URL from arguments or the environment, defaults, secrecy."""

from __future__ import annotations

import logging
import traceback

import httpx
import pytest
import retell_client
import vogent_client

FAKE_KEY = "sk-test-CANARY-5f3a9c"

FRONT_DOORS = [
    pytest.param(retell_client.Retell, "RETELL", "https://api.retellai.com", id="Retell"),
    pytest.param(retell_client.AsyncRetell, "RETELL", "https://api.retellai.com", id="AsyncRetell"),
    pytest.param(vogent_client.Vogent, "VOGENT", "https://api.vogent.ai/api", id="Vogent"),
    pytest.param(vogent_client.AsyncVogent, "VOGENT", "https://api.vogent.ai/api", id="AsyncVogent"),
]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ("RETELL_API_KEY", "RETELL_BASE_URL", "VOGENT_API_KEY", "VOGENT_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(("front_door", "prefix", "server_url"), FRONT_DOORS)
def test_key_and_base_url_come_from_the_environment(front_door, prefix, server_url, monkeypatch):
    monkeypatch.setenv(f"{prefix}_API_KEY", FAKE_KEY)
    client = front_door()
    assert client.token == FAKE_KEY
    assert client._base_url == server_url
    monkeypatch.setenv(f"{prefix}_BASE_URL", "http://127.0.0.1:9999")
    assert front_door()._base_url == "http://127.0.0.1:9999"


@pytest.mark.parametrize(("front_door", "prefix", "server_url"), FRONT_DOORS)
def test_explicit_arguments_win_over_the_environment(front_door, prefix, server_url, monkeypatch):
    monkeypatch.setenv(f"{prefix}_API_KEY", "from-env")
    monkeypatch.setenv(f"{prefix}_BASE_URL", "http://127.0.0.1:1")
    client = front_door(api_key=FAKE_KEY, base_url="http://127.0.0.1:2")
    assert (client.token, client._base_url) == (FAKE_KEY, "http://127.0.0.1:2")


@pytest.mark.parametrize(("front_door", "prefix", "server_url"), FRONT_DOORS)
@pytest.mark.parametrize(
    ("env_value", "rule"),
    [(None, "no API key"), ("", "is blank"), ("   ", "is blank"), (f" {FAKE_KEY}\n", "whitespace")],
    ids=["missing", "empty", "blank", "padded"],
)
def test_a_missing_or_bad_key_is_refused_at_construction_naming_the_variable(
    front_door, prefix, server_url, env_value, rule, monkeypatch
):
    if env_value is not None:
        monkeypatch.setenv(f"{prefix}_API_KEY", env_value)
    with pytest.raises(ValueError, match=rule) as caught:
        front_door()
    assert type(caught.value).__name__ == "InvalidInputError"
    assert f"{prefix}_API_KEY" in str(caught.value)
    assert FAKE_KEY not in str(caught.value)


@pytest.mark.parametrize(("front_door", "prefix", "server_url"), FRONT_DOORS)
@pytest.mark.parametrize("url", ["ftp://example.com", "api.retellai.com", "http://", ""])
def test_a_base_url_that_is_not_http_is_refused(front_door, prefix, server_url, url):
    with pytest.raises(ValueError, match="http:// or https://"):
        front_door(api_key=FAKE_KEY, base_url=url)


@pytest.mark.parametrize(("front_door", "prefix", "server_url"), FRONT_DOORS)
def test_the_key_never_shows_in_repr_str_headers_or_evolved_copies(front_door, prefix, server_url, caplog):
    client = front_door(api_key=FAKE_KEY, headers={"X-Trace": "1"})
    evolved = client.with_headers({"X-Other": "2"}).with_timeout(httpx.Timeout(3.0))
    for shown in (
        repr(client),
        str(client),
        repr(evolved),
        repr(client.get_httpx_client().headers),
        repr(client.get_async_httpx_client().headers),
    ):
        assert FAKE_KEY not in shown
    assert evolved.token == FAKE_KEY
    assert client.get_httpx_client().headers["authorization"] == f"Bearer {FAKE_KEY}"
    assert FAKE_KEY not in repr(vars(client) if hasattr(client, "__dict__") else client)
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("test").debug("client: %r", client)
    assert FAKE_KEY not in caplog.text


def test_stock_authenticated_client_keeps_the_token_out_of_repr_too():
    client = retell_client.AuthenticatedClient(token=FAKE_KEY)
    client.get_httpx_client()
    assert FAKE_KEY not in repr(client)


@pytest.mark.parametrize("client_type", [retell_client.AuthenticatedClient, vogent_client.AuthenticatedClient])
def test_the_generated_clients_default_to_a_timeout_and_the_spec_server(client_type):
    client = client_type(token=FAKE_KEY)
    http = client.get_httpx_client()
    assert http.timeout == httpx.Timeout(60.0, connect=5.0)
    assert str(http.base_url).rstrip("/") in {"https://api.retellai.com", "https://api.vogent.ai/api"}


def test_timeout_stays_overridable():
    client = retell_client.Retell(api_key=FAKE_KEY, timeout=httpx.Timeout(1.5))
    assert client.get_httpx_client().timeout == httpx.Timeout(1.5)


def test_max_retries_is_validated():
    with pytest.raises(retell_client.InvalidInputError, match="max_retries"):
        retell_client.Retell(api_key=FAKE_KEY, max_retries=-1)


def test_a_construction_error_traceback_does_not_show_the_key():
    try:
        retell_client.Retell(api_key=FAKE_KEY + " ")
    except retell_client.InvalidInputError:
        assert FAKE_KEY not in traceback.format_exc()
    else:
        pytest.fail("a padded key was accepted")
