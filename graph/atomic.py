"""Atomic file writes: a reader never sees a half-written file at the target path."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from armsgraph.errors import OutputError


def check_target(path: str | Path) -> Path:
    """``path`` as a place a file may be written: nothing there yet, or a regular file.
    A directory, a symbolic link, a device, a pipe or a socket raise :class:`OutputError`
    (replacing one with a regular file would destroy it)."""
    path = Path(path)
    try:
        st = path.lstat()
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    if stat.S_ISREG(st.st_mode):
        return path
    kind = ("a directory" if stat.S_ISDIR(st.st_mode) else "a symbolic link"
            if stat.S_ISLNK(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode)
            or stat.S_ISBLK(st.st_mode) else "a pipe or socket")
    raise OutputError(f"{path}: is {kind}, not a regular file; give the path of a file")


def atomic_write(path: str | Path, write: Callable[[IO[bytes]], None]) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place.

    If ``write`` raises (or the process is interrupted), the target is left as it was.
    Only a regular file (or nothing) is replaced: see :func:`check_target`.
    """
    path = check_target(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create its folder ({exc.strerror or exc})") from None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | Path, text: str) -> Path:
    return atomic_write(path, lambda fh: fh.write(text.encode("utf-8")))
