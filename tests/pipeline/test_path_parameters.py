"""Path parameters the generator renames: a spec path such as ``/datasets/{id}/files/{fileID}`` generates, and the
package's operation registry keeps the path as the spec writes it (the generator's module uses ``file_id``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from support.edited import build_edited

PATH = "/datasets/{id}/files/{fileID}"


def _add_file_operations(spec: dict[str, Any]) -> None:
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}} for name in ("id", "fileID")
    ]
    spec["paths"][PATH] = {
        "parameters": parameters,
        "get": {"operationId": "getDatasetFile", "responses": {"200": {"description": "The file."}}},
        "delete": {"operationId": "deleteDatasetFile", "responses": {"204": {"description": "Deleted."}}},
    }
    # The same parameter names in the other order, on an operation that declares them itself.
    spec["paths"]["/files/{fileID}/datasets/{datasetID}"] = {
        "get": {
            "operationId": "getFileDataset",
            "parameters": [
                {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                for name in ("datasetID", "fileID")
            ],
            "responses": {"200": {"description": "The dataset."}},
        }
    }


@pytest.mark.slow
def test_camel_case_path_parameters_generate_with_the_spec_s_paths_in_the_registry(tmp_path: Path) -> None:
    project = build_edited(tmp_path, "retell", spec=_add_file_operations)
    package = project / "retell_client"
    operations = (package / "_operations.py").read_text(encoding="utf-8")
    for operation_id in ("getDatasetFile", "deleteDatasetFile", "getFileDataset"):
        assert operation_id in operations
    assert len(re.findall(r"""path=["']/datasets/\{id\}/files/\{fileID\}["']""", operations)) == 2
    assert re.search(r"""path=["']/files/\{fileID\}/datasets/\{datasetID\}["']""", operations)
    assert "file_id" not in operations and "dataset_id" not in operations
    module = (package / "api" / "default" / "get_dataset_file.py").read_text(encoding="utf-8")
    assert "file_id: str" in module
    assert '"/datasets/{id}/files/{file_id}"' in module, "the generator's module formats its own names"
