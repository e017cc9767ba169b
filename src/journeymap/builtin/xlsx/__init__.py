"""Built-in ``xlsx`` exporter: the Excel workbook an agency hands to its client.

Sheets, in order: **Map** (the journey grid), **Blueprint** (the service
blueprint, for a journey with frontstage, backstage or support steps),
**Touchpoints**, **Barriers**, **Persona**, **Actions** and **Analysis**;
labels in the journey's language (en, ru, ro; ``lang`` overrides). See
``docs/xlsx.md``.

Safety: every text the user wrote is written as text (never a formula or an
error value). Text an ``.xlsx`` file cannot hold — control characters other
than tab, line feed and carriage return, U+FFFE, U+FFFF, or more than 32,767
characters — raises :class:`~journeymap.errors.ValidationError` naming every
offending field, before a byte is written. The same journey and options give
byte-identical files.

Options: ``threshold`` (whole number, default 2): a stage with more barriers
than this is flagged as an abandonment risk on the Analysis sheet.

>>> import io, zipfile
>>> from journeymap import Journey
>>> buffer = io.BytesIO()
>>> XlsxExporter().write(Journey(title="=1+1", stages=["Awareness"]), buffer, lang="ro")
>>> "xl/worksheets/sheet1.xml" in zipfile.ZipFile(buffer).namelist()
True
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any, BinaryIO

from journeymap.analysis import count_barriers, measured_funnel, score_emotions, stage_coverage
from journeymap.builtin._blueprint import has_blueprint
from journeymap.builtin._zip import differences_option, redate_zip, threshold_option
from journeymap.builtin.xlsx._cells import check_journey
from journeymap.i18n import Labels, labels
from journeymap.model import Journey
from journeymap.plugin import ExporterRegistry, ImporterRegistry, check_options, hookimpl, require

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["EPOCH", "XlsxExporter", "register_exporters", "register_importers"]

EPOCH = dt.datetime(2000, 1, 1)
"""Document timestamp of a journey without a ``date`` (a fixed value keeps output byte-identical)."""

_CORE = "docProps/core.xml"
_OPTIONS = ("threshold", "metrics")


class XlsxExporter:
    """Writes a journey as an Excel workbook (``.xlsx``) with openpyxl."""

    name = "xlsx"
    suffixes = (".xlsx",)
    description = "Excel workbook: map grid, touchpoints, barriers, persona, actions, analysis"
    extra = "xlsx"

    def write(self, journey: Journey, stream: BinaryIO, *, lang: str, **options: Any) -> None:
        """Write ``journey`` to ``stream`` as a workbook with labels in ``lang``."""
        check_options(self.name, options, _OPTIONS)
        threshold = threshold_option(options)
        check_journey(journey)
        require("openpyxl", self.extra)
        workbook = _workbook(journey, labels(lang), threshold, differences_option(options))
        stream.write(_deterministic(workbook))


@hookimpl
def register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``xlsx`` exporter."""
    registry.register(XlsxExporter())


@hookimpl
def register_importers(registry: ImporterRegistry) -> None:
    """Register the ``xlsx`` importer (:mod:`journeymap.builtin.xlsx.reader`): ``journeymap.load`` reads ``.xlsx``."""
    from journeymap.builtin.xlsx.reader import XlsxImporter

    registry.register(XlsxImporter())


def _workbook(journey: Journey, words: Labels, threshold: int, found: tuple[Any, ...] = ()) -> Workbook:
    """Build the workbook, one private function per sheet, in workbook order."""
    from openpyxl import Workbook

    from journeymap.builtin.xlsx._analysis import write_analysis
    from journeymap.builtin.xlsx._blueprint import write_blueprint
    from journeymap.builtin.xlsx._embed import write_data
    from journeymap.builtin.xlsx._lists import write_actions, write_barriers, write_persona, write_touchpoints
    from journeymap.builtin.xlsx._map import write_map

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = words.sheet_map
    emotions = score_emotions(journey)
    write_map(first, journey, words, [stage.mean for stage in emotions.stages])
    if has_blueprint(journey):
        write_blueprint(workbook.create_sheet(words.sheet_blueprint), journey, words)
    write_touchpoints(workbook.create_sheet(words.sheet_touchpoints), journey, words)
    write_barriers(workbook.create_sheet(words.sheet_barriers), journey, words)
    write_persona(workbook.create_sheet(words.sheet_persona), journey, words)
    write_actions(workbook.create_sheet(words.sheet_actions), journey, words)
    write_analysis(
        workbook.create_sheet(words.sheet_analysis),
        words,
        count_barriers(journey, threshold=threshold),
        emotions,
        stage_coverage(journey),
        measured_funnel(journey),
    )
    if found:
        from journeymap.builtin.xlsx._segments import write_segments

        write_segments(workbook.create_sheet(words.segment_differences[:31]), found, words)
    write_data(workbook, journey, words.language)
    _properties(workbook, journey)
    return workbook


def _properties(workbook: Workbook, journey: Journey) -> None:
    """Document properties, with timestamps fixed so the same journey gives the same bytes."""
    moment = dt.datetime.combine(journey.date, dt.time()) if journey.date else EPOCH
    props = workbook.properties
    props.created = props.modified = moment
    props.creator = journey.author or "journeymap"
    props.lastModifiedBy = None
    props.title = journey.title
    props.subject = journey.product
    props.language = journey.language


def _deterministic(workbook: Workbook) -> bytes:
    """The saved workbook with fixed dates, so that two saves are byte-identical.

    openpyxl stamps ``modified`` in ``docProps/core.xml`` and every zip entry
    with the time of saving. The parts are copied, in the same order, into a
    zip whose entries are dated 1980-01-01, with ``core.xml`` written again
    from the properties :func:`_properties` fixed.
    """
    from openpyxl.xml.functions import tostring

    props = workbook.properties
    modified = props.modified
    raw = io.BytesIO()
    workbook.save(raw)
    props.modified = modified
    core = tostring(props.to_tree())
    return redate_zip(raw.getvalue(), lambda name, content: core if name == _CORE else content)
