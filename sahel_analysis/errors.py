"""The one exception hierarchy of sahel_analysis.

Every error the library raises on purpose derives from :class:`SahelAnalysisError`.
Messages say what was wrong, where (file, line or parameter) and what to do about it,
so the command line can print them as one line without a traceback.
"""

from __future__ import annotations

__all__ = [
    "ArticleError",
    "DataError",
    "OutputError",
    "ParameterError",
    "ReportError",
    "SahelAnalysisError",
    "SchemaError",
    "StoreError",
]


class SahelAnalysisError(Exception):
    """Base class of every error raised by sahel_analysis."""


class ArticleError(SahelAnalysisError):
    """An article cannot be read: missing, empty, binary or undecodable.

    Parameters
    ----------
    path : str or None
        The file the article was read from, if any.
    reason : str
        What is wrong and what to do about it.
    """

    def __init__(self, path: object, reason: str) -> None:
        self.path = None if path is None else str(path)
        self.reason = reason
        where = f"{self.path}: " if self.path else ""
        super().__init__(f"{where}{reason}")


class ParameterError(SahelAnalysisError, ValueError):
    """A parameter has a wrong value; the message names the parameter."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"parameter '{name}': {reason}")


class SchemaError(SahelAnalysisError):
    """A fact table does not match its declaration in :mod:`sahel_analysis.schema`."""


class DataError(SahelAnalysisError):
    """A data file shipped with the package is missing or unreadable."""


class ReportError(SahelAnalysisError):
    """A notebook report failed; the message names the article, cell and error."""


class OutputError(SahelAnalysisError, OSError):
    """An output file cannot be written: read-only or full disk, a file in the way.

    Also an :class:`OSError`, so code that handles those keeps working.

    Parameters
    ----------
    path : str or os.PathLike
        The file that could not be written.
    reason : str
        What the system said.
    """

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(
            f"{self.path}: cannot write it ({reason}); check that the output directory "
            "is writable and has free space, then run again"
        )


class StoreError(SahelAnalysisError):
    """The fact store cannot be opened, read or written."""
