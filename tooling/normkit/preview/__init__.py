"""``normkit preview``: one standard's HTML edition served on 127.0.0.1, rebuilt when a
source, a system or the configuration is saved, and reloaded in the browser at the same
scroll position; when the sources do not build, the page shows the problems with file
and line and keeps the last good build.

``state`` holds what the browser is told, ``server`` serves the pages and the events
(the standard library's threading HTTP server and server-sent events), ``watch`` rebuilds
on change (watchfiles).
"""

from normkit.preview.server import PortBusy, PreviewServer
from normkit.preview.state import PreviewState
from normkit.preview.watch import Preview, default_standard

__all__ = ["PortBusy", "Preview", "PreviewServer", "PreviewState", "default_standard"]
