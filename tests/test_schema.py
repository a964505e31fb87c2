import json

import jsonschema

from catalogue.fields import FIELDS
from catalogue.paths import SCHEMA_PATH
from catalogue.schema import build_schema, schema_text
from catalogue.vocabulary import load_taxonomy
from tests.conftest import valid_entry


def entry_as_json() -> dict:
    data = valid_entry()
    data["last_verified"] = data["last_verified"].isoformat()
    return data


def test_checked_in_schema_is_current():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "run `python -m catalogue schema`"


def test_schema_agrees_with_taxonomy():
    schema, taxonomy = json.loads(SCHEMA_PATH.read_text(encoding="utf-8")), load_taxonomy()
    for field in FIELDS:
        if field.kind == "terms":
            assert schema["properties"][field.name]["items"]["enum"] == taxonomy.keys(field.vocabulary)
        if field.kind == "term":
            assert schema["properties"][field.name]["enum"] == taxonomy.keys(field.vocabulary)
    assert schema["properties"]["organisation"]["properties"]["type"]["enum"] == taxonomy.keys("organisation_types")
    assert set(schema["required"]) == {f.name for f in FIELDS if f.required}
    assert set(schema["properties"]) == {f.name for f in FIELDS}


def test_schema_accepts_valid_and_rejects_invalid_entries():
    validator = jsonschema.Draft202012Validator(build_schema())
    assert list(validator.iter_errors(entry_as_json())) == []
    for mutate in (lambda d: d.update(status="running"), lambda d: d.update(url="javascript:x"),
                   lambda d: d.update(deployed_in=["global", "KEN"]), lambda d: d.pop("sources"),
                   lambda d: d.update(colour="red"), lambda d: d.update(launched=1985)):
        data = entry_as_json()
        mutate(data)
        assert list(validator.iter_errors(data)), mutate
