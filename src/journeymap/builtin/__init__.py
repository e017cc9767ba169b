"""The built-in plugins: one module (or package) per file format, each registered like a third-party plugin.

Every module listed in :data:`journeymap.plugins.DEFAULT_PLUGINS` implements
the hooks of :mod:`journeymap.hookspecs` with ``@hookimpl`` and imports its
helpers from :mod:`journeymap.plugin`, exactly as a published plugin would.
The plugin manager imports them one at a time when it is first used; one
that fails is reported like any broken plugin. Heavy libraries (openpyxl,
python-pptx, matplotlib) are imported inside the exporters' ``write``.

* :mod:`~journeymap.builtin.json_yaml` — the journey file format itself (read and write);
* :mod:`~journeymap.builtin.xlsx`, :mod:`~journeymap.builtin.pptx` — the workbook and the deck;
* :mod:`~journeymap.builtin.images` — charts as PNG, SVG and PDF;
* :mod:`~journeymap.builtin.mindmaps` — Freeplane/FreeMind, XMind and OPML over one tree;
* :mod:`~journeymap.builtin.mermaid` — Mermaid journey and mind map writers, and the journey reader.
"""
