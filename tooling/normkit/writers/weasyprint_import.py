"""Import WeasyPrint without running a C compiler forty times.

WeasyPrint opens Pango, HarfBuzz and fontconfig through cffi, trying for each library a
list of names meant for every platform ("libgobject-2.0-0", "gobject-2.0-0", …,
"libgobject-2.0.so.0"). cffi hands a name that is not a loadable file to
``ctypes.util.find_library``, which on Linux, once ldconfig's cache has no answer, links
a test program with gcc and then with ld to look for it (Kozea/WeasyPrint#1125): about
forty processes and a quarter of a second each time a process imports WeasyPrint — every
build worker, every ``normkit diff``. Whatever those two find, what gets opened is the
library's soname, looked up by the dynamic loader, which WeasyPrint's own "*.so.N" names
reach directly. So while WeasyPrint is imported, the lookup answers from ldconfig's cache
alone, read once; anything else is left to those names.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from types import ModuleType


@cache
def import_weasyprint() -> ModuleType:
    """The WeasyPrint module, imported (the first time) with the quick library lookup."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    with _lookup_in_loader_cache():
        import weasyprint
    return weasyprint


@contextmanager
def _lookup_in_loader_cache() -> Iterator[None]:
    """``ctypes.util.find_library`` answering from ldconfig's cache only (Linux)."""
    if not sys.platform.startswith("linux"):
        yield
        return
    import ctypes.util

    original: Callable[[str], str | None] = ctypes.util.find_library
    known = _loader_cache()

    def find_library(name: str) -> str | None:
        found = re.search(rf"\s(lib{re.escape(name)}\.so[^\s]*)\s", known)
        return found.group(1) if found else None

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _loader_cache() -> str:
    """``ldconfig -p``: the libraries the dynamic loader knows ("" when it cannot say)."""
    ldconfig = shutil.which("ldconfig") or "/sbin/ldconfig"
    try:
        done = subprocess.run(
            [ldconfig, "-p"], capture_output=True, text=True, check=False, env={"LC_ALL": "C"}
        )
    except OSError:
        return ""
    return done.stdout
