"""Driving the armsgraph CLI in-process, shared by the CLI test modules."""

from __future__ import annotations

from typer.testing import CliRunner

from armsgraph.cli import app


def make_runner() -> CliRunner:
    """A runner that keeps stdout and stderr apart (click >= 8.2 always does)."""
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


def invoke(*args: object):
    """Run ``armsgraph ARGS...`` and return click's result (exceptions propagate)."""
    return make_runner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def error_lines(stderr: str) -> list[str]:
    """The non-blank lines of ``stderr`` but the warnings (a skipped file of a directory,
    such as seeds/SOURCES.rst, is a warning line of its own)."""
    return [line for line in stderr.splitlines()
            if line.strip() and not line.startswith("warning: ")]
