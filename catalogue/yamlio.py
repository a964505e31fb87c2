"""Safe YAML parsing that remembers where every value stands, so problems can cite line:col."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import IO, Any

import yaml

#: The one YAML loader of the project: libyaml's safe loader where it is built in (about ten times
#: faster than the pure-Python one), never a loader that can build objects.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# Builds one timestamp node to test it: an impossible date (2024-02-30) raises ValueError deep in
# construct_document, where the node, and so the position, is lost.
_TIMESTAMPS = yaml.constructor.SafeConstructor()

# Tags the safe loader resolves implicitly; anything else (`!custom`, `!!python/...`) is refused.
PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}

Path = tuple[Any, ...]

#: An entry is a mapping of lists and a nested organisation: four levels. Deeper text is refused before
#: libyaml's recursive composer sees it (about 24,500 nested `[` crash the process with no exception).
MAX_DEPTH = 20
#: Text longer than this is refused unparsed (an entry file may hold at most 64 KiB).
MAX_TEXT_CHARS = 64 * 1024


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


def safe_load(stream: str | IO[str]) -> Any:
    """yaml.safe_load with libyaml's loader where built in (no positions, no checks: see parse_yaml)."""
    return yaml.load(stream, Loader=SafeLoader)  # noqa: S506 - SafeLoader is yaml's CSafeLoader or SafeLoader


def load_project_yaml(path: str | os.PathLike[str]) -> Any:
    """A YAML data file of the project itself (taxonomy, places, settings): trusted, so no positions."""
    with open(path, encoding="utf-8") as handle:
        return safe_load(handle)


def _mark(node: yaml.Node | yaml.Event) -> tuple[int, int]:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _check_depth(text: str) -> None:
    """Raise YamlProblem at the first collection nested deeper than MAX_DEPTH.

    libyaml's event parser keeps its own stack (no recursion), so this scan is safe on any text, and it
    stops at the first level too deep.
    """
    depth = 0
    loader = SafeLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem("yaml-depth", f"lists or mappings are nested more than {MAX_DEPTH} deep",
                                      *_mark(event), hint="an entry needs at most four levels: "
                                      "check for unclosed or repeated `[` / `{` or `- -` here")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # syntax errors are reported, with their position, by the real parse that follows
    finally:
        loader.dispose()


def _walk(node: yaml.Node, path: Path, positions: dict, seen: set[int]) -> None:
    if id(node) in seen:
        raise YamlProblem("yaml-alias", "anchors and aliases (&name / *name) are not allowed", *_mark(node),
                          hint="write the value out in full")
    seen.add(id(node))
    if node.tag not in PLAIN_TAGS:
        raise YamlProblem("yaml-tag", f"YAML tag {node.tag!r} is not allowed", *_mark(node),
                          hint="use plain mappings, lists and scalars; remove the `!` tag")
    positions[path] = _mark(node)
    if node.tag == TIMESTAMP_TAG and isinstance(node, yaml.ScalarNode):
        try:
            _TIMESTAMPS.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise YamlProblem("yaml-date", f"{node.value!r} is not a real date", *_mark(node),
                              hint="check the day and month (YYYY-MM-DD)") from None
    if isinstance(node, yaml.MappingNode):
        keys_seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node)
            if key in keys_seen:
                raise YamlProblem("duplicate-key", f"field `{key}` appears twice in the same mapping",
                                  *_mark(key_node), hint="keep one: YAML would silently use the last value")
            keys_seen.add(key)
            positions[("key",) + path + (key,)] = _mark(key_node)
            _walk(key_node, ("key-node",) + path + (key,), {}, seen)
            _walk(value_node, path + (key,), positions, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), positions, seen)


def _code_point(character: Any) -> int:
    return ord(character) if isinstance(character, str) else int(character)


def _reader_position(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document safely; raise YamlProblem with a position if it is not plain YAML.

    Size and nesting depth are checked on the text first, so no input can crash or stall the parser.
    """
    if len(text) > MAX_TEXT_CHARS:
        raise YamlProblem("file-size", f"the text has {len(text):,} characters; at most {MAX_TEXT_CHARS:,} allowed",
                          1, 1, hint="an entry is a short description: shorten it")
    _check_depth(text)
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
        raise YamlProblem("yaml-syntax", f"YAML syntax error: {message}", line, col,
                          hint=_syntax_hint(message)) from None
    except yaml.reader.ReaderError as error:
        raise YamlProblem("yaml-character", f"character U+{_code_point(error.character):04X} is not allowed in YAML",
                          *_reader_position(text, error.position),
                          hint="remove the control character (NUL, escape codes) at this position") from None
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
