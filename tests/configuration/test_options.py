"""Front-door options checked at construction: key and base URL from arguments or the environment, every other
option's rule, and the key kept out of everything the client shows."""

from __future__ import annotations

import importlib.util
import logging
import pickle
import traceback
from typing import Any

import httpx
import pytest
import retell_client
import vogent_client
from support.drivers import FAKE_KEY

FRONT_DOORS = [
    pytest.param(retell_client.Retell, "RETELL", "https://api.retellai.com", id="Retell"),
    pytest.param(retell_client.AsyncRetell, "RETELL", "https://api.retellai.com", id="AsyncRetell"),
    pytest.param(vogent_client.Vogent, "VOGENT", "https://api.vogent.ai/api", id="Vogent"),
    pytest.param(vogent_client.AsyncVogent, "VOGENT", "https://api.vogent.ai/api", id="AsyncVogent"),
]
DOORS = [pytest.param(param.values[0], id=param.id) for param in FRONT_DOORS]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RETELL_API_KEY", "RETELL_BASE_URL", "VOGENT_API_KEY", "VOGENT_BASE_URL", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


@pytest.mark.parametrize(("front_door", "prefix", "server_url"), FRONT_DOORS)
def test_key_and_base_url_come_from_the_environment(
    front_door: Any, prefix: str, server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(f"{prefix}_API_KEY", FAKE_KEY)
    client = front_door()
    assert client.api_key == FAKE_KEY
    assert str(client.base_url) == server_url
    monkeypatch.setenv(f"{prefix}_BASE_URL", "http://127.0.0.1:9999/")
    assert str(front_door().base_url) == "http://127.0.0.1:9999"


@pytest.mark.parametrize(("front_door", "prefix", "server_url"), FRONT_DOORS)
def test_explicit_arguments_win_over_the_environment(
    front_door: Any, prefix: str, server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(f"{prefix}_API_KEY", "from-env-key-0000")
    monkeypatch.setenv(f"{prefix}_BASE_URL", "http://127.0.0.1:1")
    client = front_door(api_key=FAKE_KEY, base_url="http://127.0.0.1:2")
    assert (client.api_key, str(client.base_url)) == (FAKE_KEY, "http://127.0.0.1:2")


@pytest.mark.parametrize(("front_door", "prefix", "server_url"), FRONT_DOORS)
@pytest.mark.parametrize(
    ("env_value", "rule"),
    [(None, "no API key"), ("", "is blank"), ("   ", "is blank"), (f" {FAKE_KEY}\n", "whitespace")],
    ids=["missing", "empty", "blank", "padded"],
)
def test_a_missing_or_bad_key_is_refused_at_construction_naming_the_variable(
    front_door: Any, prefix: str, server_url: str, env_value: str | None, rule: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if env_value is not None:
        monkeypatch.setenv(f"{prefix}_API_KEY", env_value)
    with pytest.raises(retell_client.InvalidInputError if prefix == "RETELL" else vogent_client.InvalidInputError,
                       match=rule) as caught:  # fmt: skip
        front_door()
    assert f"{prefix}_API_KEY" in str(caught.value)
    assert FAKE_KEY not in str(caught.value)


@pytest.mark.parametrize("front_door", DOORS)
@pytest.mark.parametrize(
    ("url", "rule"),
    [
        ("ftp://example.com", "http:// or https://"),
        ("api.retellai.com", "http:// or https://"),
        ("http://", "http:// or https://"),
        ("", "http:// or https://"),
        ("https://api.example.com\n", "whitespace or control characters"),
        ("https://api.example.com/\t", "whitespace or control characters"),
        ("https://xn--/", "not a valid URL"),
        ("http://[::1", "not a valid URL"),
        ("http://127.0.0.1:99999", "invalid port"),
        (f"https://user:{FAKE_KEY}@api.example.com", "must not carry credentials"),
        ("https://api.example.com/?x=1", "query or a fragment"),
        ("http://api.example.com", "unencrypted"),
        ("http://10.0.0.8:8080", "unencrypted"),
    ],
)
def test_a_base_url_httpx_would_reject_or_misuse_is_refused_at_construction(
    front_door: Any, url: str, rule: str
) -> None:
    with pytest.raises(ValueError, match=rule) as caught:
        front_door(api_key=FAKE_KEY, base_url=url)
    assert type(caught.value).__name__ == "InvalidInputError"
    assert FAKE_KEY not in str(caught.value)


@pytest.mark.parametrize("front_door", DOORS)
@pytest.mark.parametrize("url", ["http://127.0.0.1:8080", "http://localhost:3000/api", "http://[::1]:9"])
def test_plain_http_is_fine_to_loopback(front_door: Any, url: str) -> None:
    assert str(front_door(api_key=FAKE_KEY, base_url=url).base_url) == url


@pytest.mark.parametrize("front_door", DOORS)
def test_plain_http_elsewhere_needs_the_explicit_opt_in_which_derived_clients_inherit(front_door: Any) -> None:
    client = front_door(api_key=FAKE_KEY, base_url="http://api.example.com", allow_insecure_http=True)
    assert client.base_url.scheme == "http"
    assert client.with_options(base_url="http://other.example.com").base_url.host == "other.example.com"
    with pytest.raises(ValueError, match="unencrypted"):
        front_door(api_key=FAKE_KEY).with_options(base_url="http://other.example.com")


@pytest.mark.parametrize("front_door", DOORS)
@pytest.mark.parametrize(
    ("timeout", "expected"),
    [
        (30.0, httpx.Timeout(30.0)),
        (5, httpx.Timeout(5.0)),
        (httpx.Timeout(2.0, connect=1.0), httpx.Timeout(2.0, connect=1.0)),
        (None, httpx.Timeout(None)),
    ],
    ids=["float", "int", "httpx-timeout", "none"],
)
def test_timeout_takes_seconds_an_httpx_timeout_or_none(front_door: Any, timeout: Any, expected: httpx.Timeout) -> None:
    assert front_door(api_key=FAKE_KEY, timeout=timeout).timeout == expected
    assert front_door(api_key=FAKE_KEY).with_timeout(timeout).timeout == expected


@pytest.mark.parametrize("front_door", DOORS)
@pytest.mark.parametrize(
    ("options", "rule"),
    [
        ({"timeout": -1}, "timeout must be a number of seconds > 0"),
        ({"timeout": "30"}, "timeout must be a number of seconds > 0"),
        ({"max_retries": -1}, "max_retries must be a whole number >= 0"),
        ({"max_retries": True}, "max_retries must be a whole number >= 0"),
        ({"retry_non_idempotent": "yes"}, "retry_non_idempotent must be True or False"),
        ({"deadline": 0}, "deadline must be a number of seconds > 0"),
        ({"deadline": float("nan")}, "deadline must be a number of seconds > 0"),
        ({"max_response_bytes": 0}, "max_response_bytes must be a whole number >= 1"),
        ({"headers": {"X-A": "1\r\nX-Injected: 2"}}, "without CR, LF or NUL"),
        ({"headers": {"bad name": "1"}}, "not a valid header name"),
        ({"headers": {"Authorization": "Bearer other"}}, "may not set Authorization"),
        ({"headers": {"authorization": "Basic eA=="}}, "may not set Authorization"),
        ({"http_client": object()}, "http_client for"),
    ],
)
def test_each_option_is_checked_at_construction_naming_it(front_door: Any, options: dict[str, Any], rule: str) -> None:
    with pytest.raises(ValueError, match=rule):
        front_door(api_key=FAKE_KEY, **options)


@pytest.mark.parametrize("front_door", DOORS)
def test_derived_clients_check_their_options_too(front_door: Any) -> None:
    client = front_door(api_key=FAKE_KEY)
    with pytest.raises(ValueError, match="may not set Authorization"):
        client.with_headers({"Authorization": "Bearer other"})
    with pytest.raises(ValueError, match="max_retries"):
        client.with_options(max_retries=-2)
    with pytest.raises(ValueError, match="blank"):
        client.with_options(api_key=" ")


@pytest.mark.parametrize("front_door", DOORS)
def test_a_wrong_keyword_is_named_with_the_callers_class_and_the_closest_option(front_door: Any) -> None:
    name = front_door.__name__
    with pytest.raises(TypeError) as made:
        front_door(api_key=FAKE_KEY, maxretries=3)
    assert str(made.value).startswith(
        f"{name}() got an unexpected keyword argument 'maxretries': did you mean 'max_retries'? It takes api_key, "
    )
    with pytest.raises(TypeError) as derived:
        front_door(api_key=FAKE_KEY).with_options(timout=3)
    assert str(derived.value).startswith(f"{name}.with_options() got an unexpected keyword argument 'timout': did you")
    positional = rf"^{name}\(\) takes keyword arguments only \(api_key, base_url, .*, got 1 positional$"
    with pytest.raises(TypeError, match=positional):
        front_door(FAKE_KEY)
    assert "APIClient" not in str(made.value) + str(derived.value)


@pytest.mark.parametrize(
    ("front_door", "given"),
    [
        (retell_client.Retell, httpx.AsyncClient()),
        (retell_client.AsyncRetell, httpx.Client()),
        (vogent_client.Vogent, httpx.AsyncClient()),
        (vogent_client.AsyncVogent, httpx.Client()),
    ],
    ids=["Retell-given-async", "AsyncRetell-given-sync", "Vogent-given-async", "AsyncVogent-given-sync"],
)
def test_an_http_client_of_the_other_kind_is_refused_naming_both(front_door: Any, given: Any) -> None:
    with pytest.raises(ValueError, match=f"must be an httpx.{'Async' if 'Async' in front_door.__name__ else ''}Client"):
        front_door(api_key=FAKE_KEY, http_client=given)


@pytest.mark.parametrize("front_door", [retell_client.Retell, vogent_client.Vogent])
def test_an_http_client_whose_base_url_conflicts_is_refused(front_door: Any) -> None:
    with (
        httpx.Client(base_url="https://elsewhere.example.com") as given,
        pytest.raises(ValueError, match="leave the http_client's base_url unset"),
    ):
        front_door(api_key=FAKE_KEY, base_url="https://api.example.com", http_client=given)
    with httpx.Client(base_url="https://api.example.com/") as agreeing:
        client = front_door(api_key=FAKE_KEY, base_url="https://api.example.com", http_client=agreeing)
        assert str(client.base_url) == "https://api.example.com"


@pytest.mark.parametrize("front_door", DOORS)
@pytest.mark.parametrize(
    ("variable", "value", "rule"),
    [
        ("HTTPS_PROXY", "ftp://proxy.example.com:21", "HTTPS_PROXY names a ftp:// proxy"),
        ("ALL_PROXY", "gopher://proxy.example.com", "ALL_PROXY names a gopher:// proxy"),
        ("https_proxy", "socks5://127.0.0.1:1080", "https_proxy names a SOCKS proxy"),
    ],
)
def test_a_proxy_variable_httpx_cannot_use_is_refused_naming_it(
    front_door: Any, variable: str, value: str, rule: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if "socks" in value and importlib.util.find_spec("socksio") is not None:
        pytest.skip("socksio is installed, so httpx can use a SOCKS proxy")
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValueError, match=rule):
        front_door(api_key=FAKE_KEY)
    # A given http_client brings its own proxy settings, so the variable is not the front door's to check.
    given = httpx.AsyncClient(trust_env=False) if "Async" in front_door.__name__ else httpx.Client(trust_env=False)
    client = front_door(api_key=FAKE_KEY, http_client=given)
    assert client.api_key == FAKE_KEY


@pytest.mark.parametrize("front_door", DOORS)
def test_the_key_never_shows_in_repr_str_or_derived_clients_or_logs(
    front_door: Any, caplog: pytest.LogCaptureFixture
) -> None:
    client = front_door(api_key=FAKE_KEY, headers={"X-Trace": "1"})
    derived = client.with_headers({"X-Other": "2"}).with_timeout(3.0).with_options(max_retries=0)
    shown = [repr(client), str(client), repr(derived), repr(client.with_raw_response), repr(vars(client))]
    assert all(FAKE_KEY not in text for text in shown)
    assert derived.api_key == FAKE_KEY
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("test").debug("client: %r", client)
    assert FAKE_KEY not in caplog.text


@pytest.mark.parametrize("front_door", DOORS)
def test_a_client_refuses_to_be_pickled_instead_of_writing_its_key(front_door: Any) -> None:
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(front_door(api_key=FAKE_KEY))


def test_a_construction_error_traceback_does_not_show_the_key() -> None:
    try:
        retell_client.Retell(api_key=FAKE_KEY + " ")
    except retell_client.InvalidInputError:
        assert FAKE_KEY not in traceback.format_exc()
    else:
        pytest.fail("a padded key was accepted")


def test_the_low_level_generated_client_keeps_the_token_out_of_repr_too() -> None:
    client = retell_client.AuthenticatedClient(token=FAKE_KEY, base_url="https://api.retellai.com")
    client.get_httpx_client()
    assert FAKE_KEY not in repr(client)
