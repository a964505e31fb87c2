"""A problem found in an entry file, printed as `path:line:col: severity: message`."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Control characters (C0, DEL, C1), line and paragraph separators and bidirectional controls. Printed
# raw, a newline from a key, value or file name would start a forged line in a CI log (`::error`,
# `::stop-commands::`), and a right-to-left override would reorder what a reviewer reads.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` on one line with every control character shown as an escape (`\\n`, `\\u202e`)."""
    return UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def _property(text: str) -> str:
    # GitHub's escaping for a workflow-command property value, after `printable` removed every newline.
    return printable(text).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    col: int
    severity: str  # "error" or "warning"
    check: str  # stable check name, documented in CONTRIBUTING.md
    message: str
    hint: str = ""
    #: The field the problem is about, as a dotted path (`organisation.type`); "" for the whole file.
    field: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        """Two lines at most (the problem, its hint); nothing from the entry can add a third."""
        text = (f"{printable(self.path)}:{self.line}:{self.col}: {self.severity}: {printable(self.message)} "
                f"[{printable(self.check)}]")
        if self.hint:
            text += f"\n    hint: {printable(self.hint)}"
        return text

    def github_annotation(self) -> str:
        """The workflow-command form GitHub turns into an annotation on the changed line."""
        level = "error" if self.is_error else "warning"
        message = printable(self.message + (f" (hint: {self.hint})" if self.hint else ""))
        # GitHub requires % escaped in the message of a workflow command (CR and LF are gone already).
        message = message.replace("%", "%25")
        return (f"::{level} file={_property(self.path)},line={self.line},col={self.col},"
                f"title={_property(self.check)}::{message}")


class SplitsProblems:
    """Mixin for results holding `problems`: the errors and the warnings among them."""

    problems: tuple[Problem, ...] | list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]
