"""Safe YAML parsing that remembers where every value stands, so problems can cite line:col."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Tags the safe loader resolves implicitly; anything else (`!custom`, `!!python/...`) is refused.
PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}

Path = tuple[Any, ...]


class YamlProblem(Exception):
    """The file cannot be read as a plain YAML document."""

    def __init__(self, check: str, message: str, line: int, col: int, hint: str = ""):
        super().__init__(message)
        self.check, self.message, self.line, self.col, self.hint = check, message, line, col, hint


@dataclass
class ParsedYaml:
    data: Any
    # (field, ...) path -> 1-based (line, col) of the value; ("key", field) -> the key itself
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path) -> tuple[int, int]:
        """The closest known position: the value at `path`, else its nearest ancestor."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _walk(node: yaml.Node, path: Path, positions: dict, seen: set[int]) -> None:
    if id(node) in seen:
        raise YamlProblem("yaml-alias", "anchors and aliases (&name / *name) are not allowed", *_mark(node),
                          hint="write the value out in full")
    seen.add(id(node))
    if node.tag not in PLAIN_TAGS:
        raise YamlProblem("yaml-tag", f"YAML tag {node.tag!r} is not allowed", *_mark(node),
                          hint="use plain mappings, lists and scalars; remove the `!` tag")
    positions[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            positions[("key",) + path + (key,)] = _mark(key_node)
            _walk(key_node, ("key-node",) + path + (key,), {}, seen)
            _walk(value_node, path + (key,), positions, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), positions, seen)


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document safely; raise YamlProblem with a position if it is not plain YAML."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return ParsedYaml(data=None, positions={(): (1, 1)})
        positions: dict[Path, tuple[int, int]] = {}
        _walk(node, (), positions, set())
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(part for part in (error.context, error.problem) if part)
        raise YamlProblem("yaml-syntax", f"YAML syntax error: {message}", line, col, hint=_syntax_hint(message)) from None
    except yaml.YAMLError as error:
        raise YamlProblem("yaml-syntax", f"YAML error: {error}", 1, 1) from None
    except RecursionError:
        raise YamlProblem("yaml-syntax", "YAML nesting is too deep", 1, 1) from None
    finally:
        loader.dispose()
    return ParsedYaml(data=data, positions=positions)


def _syntax_hint(message: str) -> str:
    if "mapping values are not allowed" in message:
        return "a value contains `: `; put the whole value in double quotes"
    if "found character '\\t'" in message or "\\t" in message:
        return "YAML indentation must use spaces, not tabs"
    if "could not find expected ':'" in message:
        return "each line of a mapping needs `key: value`; check the indentation of the line above"
    if "found undefined alias" in message or "found unexpected end of stream" in message:
        return "check for an unclosed quote or bracket"
    if "expected <block end>" in message:
        return "check the indentation: items of one list or mapping must line up"
    return "check quoting and indentation around this position"
