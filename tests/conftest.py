"""Shared fixtures: a valid entry, written in canonical form, that tests mutate one rule at a time."""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from catalogue.fix import dump_entry

TODAY = dt.date(2026, 11, 23)

VALID_ENTRY = {
    "name": "Fixture Helpline",
    "aliases": ["FH"],
    "summary": "A test helpline used only by the test suite.",
    "description": "Exists only in tests. It lets the suite check every validation rule.",
    "url": "https://fixture.example/helpline",
    "organisation": {"name": "Fixture Org", "type": "ngo", "website": "https://fixture.example/"},
    "partners": ["Partner Org"],
    "primary_purpose": "worker_voice",
    "purposes": ["victim_identification", "worker_voice"],
    "target_users": ["workers_migrants"],
    "technologies": ["hotline_sms_chat"],
    "exploitation_types": ["forced_labour"],
    "sectors": ["agriculture"],
    "developed_in": ["KEN"],
    "deployed_in": ["KEN", "QAT"],
    "languages": ["en", "sw"],
    "status": "active",
    "launched": 2015,
    "discontinued": 2020,
    "access": "public_free",
    "licence": "MIT",
    "source_code": "https://git.example/fixture",
    "survivor_informed": True,
    "handles_personal_data": True,
    "evidence_of_impact": "https://fixture.example/evaluation",
    "sources": ["https://fixture.example/helpline"],
    "last_verified": dt.date(2026, 10, 1),
}


def valid_entry() -> dict:
    return copy.deepcopy(VALID_ENTRY)


def write_entry(directory: Path, slug: str, data: dict | None = None, text: str | None = None) -> Path:
    path = directory / f"{slug}.yaml"
    path.write_text(text if text is not None else dump_entry(data if data is not None else valid_entry()),
                    encoding="utf-8")
    return path


@pytest.fixture
def catalogue_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "tools_data"
    directory.mkdir()
    return directory


@pytest.fixture
def serve_catalogue(monkeypatch):
    """Point the app at a catalogue folder (None: the bundled one), with its search index in memory."""
    def serve(directory: Path | None = None) -> None:
        if directory is None:
            monkeypatch.delenv("CATALOGUE_DIR", raising=False)
        else:
            monkeypatch.setenv("CATALOGUE_DIR", str(directory))
        monkeypatch.setenv("CATALOGUE_INDEX_DIR", "memory")
    return serve
