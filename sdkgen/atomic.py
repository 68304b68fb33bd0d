"""All-or-nothing changes to the repository: write files, regenerate, and put everything back on any failure."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from sdkgen.generate import generate
from sdkgen.vendors import ROOT, Vendor


def write_and_regenerate(files: Mapping[Path, bytes], vendors: Sequence[Vendor], root: Path = ROOT) -> list[Path]:
    """Write the ``files`` whose bytes change, then regenerate ``vendors``; return the paths written.

    Any failure, an interrupt included, puts every file back as it was (a file that did not exist is removed again),
    and :func:`~sdkgen.generate.generate` leaves ``generated/`` untouched when it fails, so specs, version,
    changelog and generated code never get out of step.
    """
    previous = {path: path.read_bytes() if path.exists() else None for path in files}
    changed = [path for path, content in files.items() if content != previous[path]]
    try:
        for path in changed:
            write_file(path, files[path])
        if vendors:
            generate(list(vendors), root)
    except BaseException:
        for path in changed:
            before = previous[path]
            if before is None:
                path.unlink(missing_ok=True)
            else:
                write_file(path, before)
        raise
    return changed


def write_file(path: Path, content: bytes) -> None:
    """Replace ``path`` in one rename, keeping its mode, so a reader never sees half a file."""
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
