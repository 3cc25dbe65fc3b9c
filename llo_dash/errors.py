"""Errors with a Dutch message for the user, naming the file and field involved."""


class LloDashError(Exception):
    """Base class: `str(error)` is a complete Dutch sentence for the user."""


class SourceError(LloDashError):
    """A source could not be obtained (not in the mirror, download failed, too large, ...)."""


class SchemaError(LloDashError):
    """A source file does not have the columns, codes or values the build expects."""


class BuildError(LloDashError):
    """The build found an inconsistency (a code lost in a join, a name that does not map, ...)."""
