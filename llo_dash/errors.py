"""Errors with a Dutch message for the user, naming the file and field involved.

An error about a source file carries its facts as fields: which source (`source_id`), the
file as the user recognises it (`file`: its path in the mirror, the downloaded file, or
"CBS-tabel 86088NED, live opgehaald"), and where in it: `line`, `column`, `value`. The
Dutch sentence is composed from those fields in one place, `LloDashError.__str__`:

    Bronbestand <file> (<title>, bron <id>), regel 12, kolom 'X': waarde 'Y' <problem>.
    Bronbestand <file> (<title>, bron <id>): <problem>.
    Bronbestand <file> (<title>, bron <id>) <predicate>.      (said of the file: "is leeg")

An error that is not about a source file is one complete sentence: `BuildError("Controle: …")`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class FileLabel:
    """How messages name a source file: what the user recognises, and which source of the registry it is."""

    name: str  # path in the mirror, the downloaded file, or "CBS-tabel 86088NED, live opgehaald"
    title: str | None = None
    source_id: str | None = None
    live: bool = False  # fetched from the CBS OData service: a table, not a file

    def __str__(self) -> str:
        details = ", ".join(part for part in (self.title, self.source_id and f"bron {self.source_id}") if part)
        return f"{self.name} ({details})" if details else self.name

    @classmethod
    def of_source(cls, source_id: str) -> FileLabel:
        """The registry's name for a source: its path in the mirror (before the build knows where it came from)."""
        from llo_dash import sources  # the registry; imported here so that errors stay importable on their own

        source = sources.BY_ID.get(source_id)
        return cls(source.mirror_path, source.title, source_id) if source else cls(f"bron {source_id}")


class LloDashError(Exception):
    """Base class: `str(error)` is a complete Dutch sentence for the user.

    Without `file`, `source_id`, `line`, `column` or `value`, `problem` is that sentence. With
    them, `problem` is what is wrong, shown after the place (file, line, column); with `value`
    it is said of the value ("is geen getal"). `predicate` is said of the file itself instead
    ("is leeg", "ontbreekt in de mirror …"). `file` and `source_id` may name two files (a tuple)
    when the problem is that they disagree.
    """

    def __init__(
        self,
        problem: str = "",
        *,
        predicate: str | None = None,
        file: FileLabel | str | Sequence[FileLabel | str] | None = None,
        source_id: str | Sequence[str] | None = None,
        line: int | None = None,
        column: str | None = None,
        value: object = None,
    ):
        self.problem = problem
        self.predicate = predicate
        self.files: tuple[FileLabel | str, ...] = tuple(
            label for label in (file if isinstance(file, (tuple, list)) else (file,)) if label
        )
        ids = source_id if isinstance(source_id, (tuple, list)) else (source_id,) if source_id else ()
        if not ids:
            ids = tuple(label.source_id for label in self.files if isinstance(label, FileLabel) and label.source_id)
        self.source_ids: tuple[str, ...] = tuple(ids)
        self.line = line
        self.column = column
        self.value = value
        super().__init__(problem or predicate or "")

    @property
    def file(self) -> FileLabel | str | None:
        """The (first) file the error is about, as messages name it."""
        labels = self._labels()
        return labels[0] if labels else None

    @property
    def source_id(self) -> str | None:
        return self.source_ids[0] if self.source_ids else None

    def name_sources(self, label_of: Callable[[str], FileLabel]) -> LloDashError:
        """Name the files by `label_of(source id)` (the build context knows mirror, download or live)
        when the error was raised with source ids only; returns the error itself."""
        if not self.files and self.source_ids:
            self.files = tuple(label_of(source_id) for source_id in self.source_ids)
        return self

    def _labels(self) -> tuple[FileLabel | str, ...]:
        return self.files or tuple(FileLabel.of_source(source_id) for source_id in self.source_ids)

    def __str__(self) -> str:
        labels = self._labels()
        if not labels and self.line is None and self.column is None and self.value is None:
            return self.problem or self.predicate or ""  # a complete sentence already
        place = []
        if labels:
            live = all(isinstance(label, FileLabel) and label.live for label in labels)
            lead = "" if live else "Bronbestanden " if len(labels) > 1 else "Bronbestand "
            place.append(lead + " en ".join(str(label) for label in labels))
        if self.line is not None:
            place.append(f"regel {self.line}")
        if self.column is not None:
            place.append(f"kolom '{self.column}'")
        where = ", ".join(place)
        if self.predicate is not None:
            sentence = f"{where} {self.predicate}" if where else self.predicate
        else:
            what = f"waarde '{self.value}' {self.problem}" if self.value is not None else self.problem
            sentence = f"{where}: {what}" if where else what
        sentence = sentence[:1].upper() + sentence[1:]
        return sentence if sentence.endswith((".", "?", "!")) else sentence + "."


class SourceError(LloDashError):
    """A source could not be obtained (not in the mirror, download failed, too large, ...)."""


class SchemaError(LloDashError):
    """A source file does not have the columns, codes or values the build expects."""


class BuildError(LloDashError):
    """The build found an inconsistency (a code lost in a join, a name that does not map, ...)."""
