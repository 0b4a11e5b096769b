"""Shared fixtures: the bundled sample corpus and its expectations."""
from __future__ import annotations

import importlib.util
import json
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora"
DATA = Path(__file__).resolve().parent / "data"
EXPECTED_PARSE = json.loads((DATA / "expected_parse.json").read_text(encoding="utf-8"))
SAMPLES = sorted(EXPECTED_PARSE)


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def parsed_samples():
    from papermine.parse import parse_file
    return {name: parse_file(CORPUS / name) for name in SAMPLES}


@pytest.fixture(scope="session")
def sample_pdfs(tmp_path_factory, parsed_samples):
    """Each sample laid out as a real PDF (headers, footers, bold headings...)."""
    from pdfmaker import write_pdf
    folder = tmp_path_factory.mktemp("pdfs")
    made = {}
    for name, doc in parsed_samples.items():
        path = folder / (Path(name).stem + ".pdf")
        layout = write_pdf(doc, path, header=f"{doc.meta.committee} - {doc.meta.title}")
        made[name] = (path, layout)
    return made


@pytest.fixture(scope="session")
def make_corpus():
    """scripts/make_corpus.py as a function: make_corpus(out, councils, years)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "scripts" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_corpus


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    """The bundled corpus ingested once into a real SQLite file."""
    from papermine.store import ingest, open_store
    path = tmp_path_factory.mktemp("db") / "samples.db"
    with open_store(path) as store:
        report = ingest(store, [CORPUS], workers=2)
    assert report.count("stored") == len(SAMPLES), report.summary()
    return path


def _shared_dir() -> Path:
    """../shared beside the checkout (a worktree one level further down has it
    one level further up)."""
    here = Path(__file__).resolve()
    return next((p / "shared" for p in here.parents[2:4] if (p / "shared").is_dir()),
                here.parents[2] / "shared")


#: The real council papers (read at test time, never copied into the project).
REAL_DIR = _shared_dir() / "real"
REAL_PDFS = sorted(REAL_DIR.glob("*.pdf"))


@lru_cache(maxsize=None)
def load_script(name: str):
    """A script of scripts/ (eval_real, eval_tags) loaded as a module, once."""
    spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parents[1] / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module           # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module
