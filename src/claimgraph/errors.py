"""One exception base with coded messages and exit codes.

Every error the tool raises on purpose derives from ``ClaimgraphError``; the CLI turns
it into a one-line message and its ``exit_code``. Wrap lower errors with ``raise ... from e``.
"""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base of all claimgraph errors."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.message = message
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"[{self.code}] {where}{self.message}"


class InputError(ClaimgraphError):
    """A file could not be read as an article (empty, binary, malformed, too large)."""

    code = "E100"
    exit_code = 3


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class EncodingError(InputError):
    code = "E103"


class TooLarge(InputError):
    code = "E104"


class MalformedInput(InputError):
    code = "E105"


class UnsupportedFormat(InputError):
    code = "E106"


class StoreError(ClaimgraphError):
    """The store could not be opened, migrated or written."""

    code = "E200"
    exit_code = 4


class ModelError(ClaimgraphError):
    """A model could not be loaded or run."""

    code = "E300"
    exit_code = 5


class DataError(ClaimgraphError):
    """An evaluation or training data folder is missing or malformed."""

    code = "E400"
    exit_code = 6


class UsageError(ClaimgraphError):
    """The user asked for something that cannot be done as asked."""

    code = "E500"
    exit_code = 2
