"""The build is reproducible and passes twine check; the publish path works against a real local index: twine
uploads, pip installs from it (dependencies from the normal index), the packages clone a voice, the index stops."""

from __future__ import annotations

import email
import os
import socket
import tarfile
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support.repository import copy_repository, init_git, run_sdkgen

from sdkgen import build, index, install_check
from sdkgen.errors import SdkgenError
from sdkgen.vendors import ROOT, VENDORS, discover

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dists(tmp_path_factory) -> list[build.Dist]:
    out = tmp_path_factory.mktemp("dist")
    return build.build_dists(list(VENDORS.values()), out, build.source_date_epoch(), ROOT)


def test_two_builds_of_one_commit_are_byte_identical(dists, tmp_path):
    # Another checkout of the same commit, elsewhere, with other file times and modes.
    other = copy_repository(tmp_path / "elsewhere", tooling=True)
    for path in (other / "generated").rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
        if path.is_file():
            path.chmod(0o664)
    again = build.build_dists(list(discover(other).values()), tmp_path / "again", build.source_date_epoch(), other)
    assert [build.sha256(path) for dist in again for path in dist.files] == [
        build.sha256(path) for dist in dists for path in dist.files
    ]
    later = build.build_dists([discover(other)["retell"]], tmp_path / "later", build.source_date_epoch() + 1, other)
    assert build.sha256(later[0].sdist) != build.sha256(dists[0].sdist), "SOURCE_DATE_EPOCH is what stamps the files"


def test_the_epoch_is_the_last_commit_and_stamps_every_member(dists, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    checkout = copy_repository(tmp_path / "checkout", tooling=True)
    init_git(checkout)
    assert build.source_date_epoch(checkout) == 1796126400  # the fixed committer date of support.repository
    with pytest.raises(SdkgenError, match="SOURCE_DATE_EPOCH"):
        build.source_date_epoch(tmp_path)
    epoch = build.source_date_epoch()
    with tarfile.open(dists[0].sdist) as sdist:
        members = sdist.getmembers()
    assert {member.mtime for member in members} == {epoch}
    names = {member.name.split("/", 1)[1] for member in members}
    assert {"CHANGELOG.md", "LICENSE", "README.md", "pyproject.toml", "PKG-INFO"} <= names


def test_metadata_carries_the_config_version_and_passes_twine_check(dists):
    for dist in dists:
        config = dist.vendor.config()
        with zipfile.ZipFile(dist.wheel) as wheel:
            metadata = email.message_from_bytes(wheel.read(f"{config.import_name}-{config.version}.dist-info/METADATA"))
            version_module = wheel.read(f"{config.import_name}/_version.py").decode()
        assert metadata["Name"] == config.distribution and metadata["Version"] == config.version
        assert metadata["Description-Content-Type"] == "text/markdown"
        assert f'__version__ = "{config.version}"' in version_module
        assert dist.wheel.name == f"{config.import_name}-{config.version}-py3-none-any.whl"
    output = build.twine_check([path for dist in dists for path in dist.files])
    assert output.count("PASSED") == 4


def test_the_build_command_installs_and_tries_each_wheel(tmp_path, monkeypatch):
    root = copy_repository(tmp_path / "repo", tooling=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796126400")
    result = run_sdkgen(root, "build", "vogent", "--out", "dist")
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in (root / "dist").iterdir())
    assert names == ["vogent_client-1.0.0-py3-none-any.whl", "vogent_client-1.0.0.tar.gz"]
    lines = result.stdout.splitlines()
    assert f"{build.sha256(root / 'dist' / names[0])}  {names[0]}" in lines
    assert any(line.startswith("Checking ") and line.endswith("/vogent_client-1.0.0.tar.gz: PASSED") for line in lines)
    assert any(
        line.startswith("vogent_client-1.0.0-py3-none-any.whl: installed into a fresh venv, imported 1.0.0, cloned")
        for line in lines
    )


def test_the_probe_plan_is_derived_from_each_spec():
    retell, vogent = install_check.plan(VENDORS["retell"]), install_check.plan(VENDORS["vogent"])
    assert (retell["front_door"], retell["method"], retell["files_as_list"]) == ("Retell", "clone_voice", True)
    assert retell["arguments"] == {"voice_name": "install-probe", "voice_provider": "elevenlabs"}
    assert retell["response"]["status"] == 201
    assert retell["response"]["body"] == {
        "voice_id": "retell-Cimo", "voice_name": "Adrian", "provider": "elevenlabs", "gender": "male",
    }  # fmt: skip
    assert (vogent["front_door"], vogent["files_as_list"], vogent["base_path"]) == ("Vogent", False, "/api")
    assert vogent["arguments"] == {"name": "install-probe", "model": "CARTESIA"}
    assert vogent["response"]["status"] == 200
    assert set(vogent["response"]["body"]) == {"id", "name", "voiceType", "voiceTier", "description"}


def test_local_index_round_trip(dists, tmp_path):
    trip = index.round_trip(dists, tmp_path)

    assert [probe["package"] for probe in trip.installed.probes] == ["retell-client", "vogent-client"]
    for probe in trip.installed.probes:
        assert probe["version"] == "1.0.0"
        assert probe["location"].startswith(str((tmp_path / "install" / "venv").resolve()))
    for dist in dists:
        url, hashes = trip.installed.download(dist.vendor.project)
        assert url.startswith(trip.index_url.removesuffix("simple/")) and hashes["sha256"] == build.sha256(dist.wheel)
    dependency, _ = trip.installed.download("httpx")
    assert not dependency.startswith("http://127.0.0.1"), "dependencies come from the normal index"
    assert sorted(path.name for path in (tmp_path / "index").iterdir()) == sorted(
        path.name for dist in dists for path in dist.files
    )
    _assert_stopped(trip.index_url, tmp_path / "index")


def test_the_index_stops_when_the_block_fails(tmp_path):
    with pytest.raises(RuntimeError), index.local_index(tmp_path / "packages", tmp_path / "log") as running:
        url, directory = running.simple_url, running.packages
        assert running.process is not None and running.process.poll() is None
        raise RuntimeError("a failed upload")
    _assert_stopped(url, directory)


def _assert_stopped(url: str, directory: Path) -> None:
    port = urlsplit(url).port
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "nothing listens on the index's port any more"
    marker = str(directory).encode()
    left = [
        pid.name for pid in Path("/proc").iterdir() if pid.name.isdigit() and marker in _cmdline(pid)
    ]  # fmt: skip
    assert left == [], "no pypiserver process is left behind"


def _cmdline(pid: Path) -> bytes:
    try:
        return (pid / "cmdline").read_bytes()
    except OSError:
        return b""
