"""Documentation that must not drift from the code."""
import argparse
from pathlib import Path

from catalogue.cli import build_parser
from catalogue.fields import FIELDS

REPO = Path(__file__).resolve().parent.parent


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_cli_option_is_documented():
    doc = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for name, sub in subcommands(build_parser()).items():
        assert f"`python -m catalogue {name}" in doc, name
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}" in doc, f"{name} {option} is not in docs/cli.md"


def test_every_field_is_documented_in_the_example():
    example = (REPO / "tools_data" / "_example.yaml").read_text(encoding="utf-8")
    for field in FIELDS:
        assert f"\n# {field.name} (" in example, f"{field.name} has no comment in _example.yaml"


def test_readme_starts_with_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split()[0:2] for line in first_block.strip().splitlines()] == [["make", "run"], ["make", "test"]]
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
