"""The layout's rules (tests/README.md): distinct fixture names, no test module importing another, every test
directory documented, distinct test file names."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def python_files() -> list[Path]:
    return sorted(path for path in TESTS.rglob("*.py") if "__pycache__" not in path.parts)


def is_fixture(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(target, ast.Attribute) and target.attr == "fixture"


def fixture_names(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(map(is_fixture, node.decorator_list))
    ]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_no_two_fixtures_share_a_name():
    defined = Counter(name for path in python_files() for name in fixture_names(path))
    assert defined, "no fixtures found: the check is looking in the wrong place"
    assert [name for name, count in defined.items() if count > 1] == []


def test_no_test_module_imports_another_test_module():
    test_modules = {path.stem for path in TESTS.rglob("test_*.py")} | {"conftest"}
    offenders = {
        str(path.relative_to(TESTS)): sorted(imports)
        for path in python_files()
        if (imports := {name.split(".")[0] for name in imported_modules(path)} & test_modules)
    }
    assert offenders == {}


def test_test_file_names_are_distinct_across_directories():
    names = Counter(path.name for path in TESTS.rglob("test_*.py"))
    assert [name for name, count in names.items() if count > 1] == []


def test_every_test_directory_is_listed_in_the_readme():
    readme = (TESTS / "README.md").read_text(encoding="utf-8")
    directories = {path.relative_to(TESTS).parts[0] for path in TESTS.rglob("test_*.py") if path.parent != TESTS}
    assert directories, "no test directories found"
    assert sorted(name for name in directories if f"`{name}/`" not in readme) == []
