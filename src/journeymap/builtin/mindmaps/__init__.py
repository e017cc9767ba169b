"""Mind maps of a journey: Freeplane/FreeMind (``.mm``), XMind (``.xmind``) and OPML (``.opml``).

The three exporters, each a default plugin of its own, draw the same tree
(journey → persona, segment, stages → lanes → items), built once by a private
module beside them; the Mermaid mind map uses it too. See ``docs/mindmaps.md``.
"""
