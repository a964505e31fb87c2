"""A problem found in an entry file, printed as `path:line:col: severity: message`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    col: int
    severity: str  # "error" or "warning"
    check: str  # stable check name, documented in CONTRIBUTING.md
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.check}]"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def github_annotation(self) -> str:
        """The workflow-command form GitHub turns into an annotation on the changed line."""
        level = "error" if self.is_error else "warning"
        message = self.message + (f" (hint: {self.hint})" if self.hint else "")
        # GitHub requires %, CR and LF escaped in the message of a workflow command.
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{level} file={path},line={self.line},col={self.col},title={self.check}::{message}"


class SplitsProblems:
    """Mixin for results holding `problems`: the errors and the warnings among them."""

    problems: "tuple[Problem, ...] | list[Problem]"

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]
