"""Errors a user can cause. The CLI prints the message as one line and exits 2."""

from __future__ import annotations


class ArmsgraphError(Exception):
    """Base class for every error caused by input or arguments rather than by a bug."""


class InputError(ArmsgraphError):
    """An input file or stream cannot be read as documents."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class OutputError(ArmsgraphError):
    """An output path cannot be written (a directory, a device, a symbolic link...)."""


class ModelNotFoundError(ArmsgraphError):
    """No English spaCy model is installed."""


class QueryError(ArmsgraphError):
    """A SPARQL query cannot be parsed or run."""


class GraphFileError(ArmsgraphError):
    """An RDF file cannot be read."""


class StoreError(ArmsgraphError):
    """A store cannot be opened, read or written."""


class LexiconError(ArmsgraphError, ValueError):
    """A lexicon file is malformed: the message names the file, the row and the problem."""


class UnknownActorError(ArmsgraphError, KeyError):
    """An actor named on the command line is in no claim of the network; the message
    suggests the closest labels."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""
