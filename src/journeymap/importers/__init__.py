"""The built-in importers: read journeys that other tools drew.

Each module here is a plugin registering importers through the
``register_importers`` hook, like the exporters in
:mod:`journeymap.exporters`. :func:`journeymap.load` hands any file that is
not ``.yaml``/``.yml``/``.json`` to the importer for its suffix (or the one
named by ``format=``).
"""

from __future__ import annotations

__all__: list[str] = []
