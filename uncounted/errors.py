"""Errors uncounted raises on purpose, as one tree.

Every error a user can cause is an ``UncountedError``; the CLI prints its message (never a
traceback) and exits with its ``exit_code``. Messages name files, rows, columns and ids, never the
content of identifying fields.

    UncountedError                      exit 1
    ├── WorkspaceError                  exit 3   no workspace, cannot open, bad location
    │   └── WorkspaceExistsError        exit 3   init over an existing workspace
    ├── WrongPassphraseError            exit 4   the key does not open this workspace
    ├── InputFileError                  exit 5   a file cannot be read as a list at all
    │   └── MappingError                exit 5   a mapping file is invalid
    ├── CaptureTableError               exit 5   a capture table cannot be used for estimation
    ├── NotFoundError                   exit 6   a source, record or quarantined row is unknown
    ├── IntegrityError                  exit 7   ciphertext or audit chain was altered
    └── UsageError                      exit 2   arguments that make no sense together
"""

from __future__ import annotations


class UncountedError(Exception):
    """Base of every error caused by input, configuration or the workspace's state."""

    exit_code = 1


class UsageError(UncountedError):
    exit_code = 2


class WorkspaceError(UncountedError):
    exit_code = 3


class WorkspaceExistsError(WorkspaceError):
    pass


class WrongPassphraseError(UncountedError):
    exit_code = 4

    def __init__(self, message: str = "wrong passphrase: this key does not open the workspace"):
        super().__init__(message)


class InputFileError(UncountedError):
    """A file that cannot be read as a list (encoding, format, no header...)."""

    exit_code = 5

    def __init__(self, file: str, reason: str):
        self.file = file
        self.reason = reason
        super().__init__(f"{file}: {reason}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Raised in the import's reader process and re-raised in the main one.
        return (type(self), (self.file, self.reason))


class MappingError(InputFileError):
    pass


class CaptureTableError(UncountedError):
    """A capture table that cannot be estimated from: bad cells, counts or too few lists."""

    exit_code = 5


class NotFoundError(UncountedError):
    exit_code = 6


class IntegrityError(UncountedError):
    """Stored data failed authentication: tampering, corruption, or a foreign key."""

    exit_code = 7
