"""The notebooks are committed clean: no outputs (they can hold PHI-like text), no execution counts.

nbmake executes them in CI (``--nbmake`` in pyproject's addopts); this file only checks the files.
Clear a notebook in Jupyter (Edit > Clear Outputs of All Cells) or with nbconvert:
``jupyter nbconvert --clear-output --inplace notebooks/NAME.ipynb``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS, f"no notebooks found in {NOTEBOOK_DIR}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_no_outputs(path: Path) -> None:
    notebook = load(path)
    dirty = [
        index
        for index, cell in enumerate(notebook["cells"])
        if cell["cell_type"] == "code"
        and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    assert dirty == [], (
        f"{path.name}: code cells {dirty} have outputs or execution counts; clear them (Jupyter: "
        f"Edit > Clear Outputs of All Cells, or `jupyter nbconvert --clear-output --inplace "
        f"notebooks/{path.name}` with nbconvert installed) before committing"
    )
    assert "widgets" not in notebook["metadata"], f"{path.name}: saved widget state; clear it"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_on_the_default_kernel_and_says_what_it_shows(path: Path) -> None:
    notebook = load(path)
    # "python3" resolves to the running interpreter wherever ipykernel is installed (test extra)
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    first = notebook["cells"][0]
    assert first["cell_type"] == "markdown"
    assert "".join(first["source"]).startswith("# "), "start with a markdown title and intro"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_valid_nbformat_and_listed_in_the_readme(path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbformat.validate(nbformat.read(path, as_version=4))
    readme = (NOTEBOOK_DIR / "README.md").read_text(encoding="utf-8")
    assert path.name in readme, f"add a line about {path.name} to notebooks/README.md"
