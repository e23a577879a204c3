"""Vocabularies as data: one UTF-8 JSON file per vocabulary in this folder, each with a "_doc" key.

load(name) reads checks/vocab/<name>.json once per process; callers get their own copy to keep."""

from __future__ import annotations

import copy
import functools
import json
from importlib import resources


class VocabularyError(ValueError):
    """A vocabulary file is missing, unreadable or lacks its "_doc"."""


@functools.cache
def _parsed(name: str) -> dict:
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise VocabularyError(f"not a vocabulary name: {name!r}")
    source = resources.files(__package__).joinpath(f"{name}.json")
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise VocabularyError(f"no vocabulary {name!r}") from exc
    except json.JSONDecodeError as exc:
        raise VocabularyError(f"vocabulary {name!r} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("_doc"), str) or not data["_doc"].strip():
        raise VocabularyError(f"vocabulary {name!r} has no \"_doc\" saying what it is and where it comes from")
    return data


def load(name: str) -> dict:
    """The vocabulary `name` as a dict; a deep copy, so one checker's edits never leak into another's."""
    return copy.deepcopy(_parsed(name))


def available() -> list[str]:
    """Names of every vocabulary shipped, sorted."""
    return sorted(entry.name[:-5] for entry in resources.files(__package__).iterdir()
                  if entry.name.endswith(".json"))
