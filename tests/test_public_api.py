"""The public API of 0.1 still imports: every name, and the plugin names ``JOURNEYMAP_DISABLE_PLUGINS`` took.

The lists are what each module offered before the layout of 0.2 (issue 12); a name
may be added to a module, never dropped from one of these lists without a
deprecation in the changelog.
"""

from __future__ import annotations

import importlib

import pytest

from journeymap import plugins

PUBLIC_NAMES: dict[str, list[str]] = {
    "journeymap": [
        "Action",
        "ActionStatus",
        "Barrier",
        "Emotion",
        "Journey",
        "JourneyMapError",
        "Kpi",
        "ParseError",
        "Persona",
        "Phase",
        "Report",
        "Segment",
        "Severity",
        "Stage",
        "StageMetrics",
        "StageMove",
        "Touchpoint",
        "ValidationError",
        "__version__",
        "analyze",
        "dumps",
        "export",
        "formats",
        "json_schema",
        "load",
        "loads",
        "save",
        "templates",
    ],
    "journeymap.analysis": [
        "BarrierChange",
        "BarrierReport",
        "Comparison",
        "CoverageReport",
        "DEFAULT_THRESHOLD",
        "Drop",
        "EmotionReport",
        "Finding",
        "Flow",
        "FunnelReport",
        "FunnelStage",
        "LintSeverity",
        "Moment",
        "RULES",
        "RankedBarrier",
        "Report",
        "Rule",
        "StageBarriers",
        "StageChange",
        "StageCoverage",
        "StageEmotions",
        "TouchpointBarriers",
        "analyze",
        "compare",
        "count_barriers",
        "lint",
        "measured_funnel",
        "phase_of",
        "render_summary",
        "score_emotions",
        "stage_coverage",
    ],
    "journeymap.mining": [
        "EmptyLogError",
        "EventCount",
        "EventLogError",
        "JourneyMetrics",
        "MissingColumnError",
        "ObjectCentricLogError",
        "StageResult",
        "TimestampError",
        "TouchpointMetrics",
        "Transition",
        "Variant",
        "enrich",
        "mine",
        "mine_rows",
    ],
    "journeymap.charts": [
        "CHARTS",
        "barrier_heatmap",
        "compare_curves",
        "coverage_matrix",
        "dashboard",
        "emotion_curve",
        "funnel",
        "persona_curves",
        "save_figure",
        "transitions",
    ],
    "journeymap.hookspecs": [
        "DuplicateExporterError",
        "DuplicateImporterError",
        "Exporter",
        "ExporterRegistry",
        "Importer",
        "ImporterRegistry",
        "InvalidExporterError",
        "InvalidImporterError",
        "PROJECT",
        "hookimpl",
        "hookspec",
        "register_exporters",
        "register_importers",
    ],
    "journeymap.testing": [
        "ConformanceReport",
        "ExporterConformance",
        "check_atomic",
        "check_deterministic",
        "check_exporter",
        "check_no_overwrite",
        "check_samples",
        "sample_journeys",
    ],
    "journeymap.templates": [
        "LANGUAGES",
        "names",
        "new",
    ],
    "journeymap.plugins": [
        "BrokenPlugin",
        "DEFAULT_PLUGINS",
        "DISABLE_VARIABLE",
        "FormatInfo",
        "broken_plugins",
        "check_options",
        "disabled_plugins",
        "export",
        "export_with",
        "exporter_for",
        "formats",
        "get_exporter",
        "get_importer",
        "importer_for",
        "isolated",
        "require",
        "reset",
    ],
    "journeymap.errors": [
        "ExportError",
        "InputError",
        "JourneyMapError",
        "JourneyMapWarning",
        "MissingDependencyError",
        "OutputError",
        "ParseError",
        "Problem",
        "TargetExistsError",
        "UnknownFormatError",
        "ValidationError",
        "join_path",
        "split_path",
    ],
    "journeymap.model": [
        "Action",
        "ActionStatus",
        "Barrier",
        "Emotion",
        "Journey",
        "Kpi",
        "Persona",
        "Phase",
        "SCHEMA_VERSION",
        "Segment",
        "Severity",
        "Stage",
        "StageMetrics",
        "StageMove",
        "Touchpoint",
    ],
    "journeymap.i18n": [
        "LANGUAGES",
        "Labels",
        "labels",
        "primary_language",
    ],
}

FORMATS_OF_DEFAULT_PLUGINS: dict[str, set[tuple[str, str]]] = {
    "journeymap.exporters.json_yaml": {("json", "writes"), ("yaml", "writes"), ("json", "reads"), ("yaml", "reads")},
    "journeymap.exporters.xlsx": {("xlsx", "writes"), ("xlsx", "reads")},
    "journeymap.exporters.pptx": {("pptx", "writes")},
    "journeymap.exporters.images": {("png", "writes"), ("svg", "writes"), ("pdf", "writes")},
    "journeymap.exporters.freeplane": {("freeplane", "writes")},
    "journeymap.exporters.xmind": {("xmind", "writes")},
    "journeymap.exporters.opml": {("opml", "writes")},
    "journeymap.exporters.mermaid": {("mermaid-mindmap", "writes"), ("mermaid-journey", "writes")},
    "journeymap.importers.mermaid": {("mermaid-journey", "reads")},
}
"""The default plugins by their 0.1 module names, and what each one reads or writes."""


def capabilities() -> set[tuple[str, str]]:
    """(format, "reads" or "writes") for every format the host offers now."""
    found = set()
    for info in plugins.formats():
        found |= {(info.name, "reads")} if info.reads else set()
        found |= {(info.name, "writes")} if info.writes else set()
    return found


@pytest.mark.parametrize(("module", "names"), PUBLIC_NAMES.items(), ids=list(PUBLIC_NAMES))
def test_every_name_of_0_1_still_imports(module: str, names: list[str]) -> None:
    imported = importlib.import_module(module)
    missing = [name for name in names if not hasattr(imported, name)]
    assert missing == []
    assert set(names) <= set(imported.__all__)


DEFAULT_PLUGINS_SINCE_0_2 = {"journeymap.builtin.html"}
"""Default plugins added after 0.1: they never had another name, so FORMER_NAMES has no entry for them."""


def test_the_former_default_plugin_names_are_all_mapped_to_modules_that_exist() -> None:
    assert set(plugins.FORMER_NAMES) == set(FORMATS_OF_DEFAULT_PLUGINS)
    assert sorted(plugins.FORMER_NAMES.values()) == sorted(set(plugins.DEFAULT_PLUGINS) - DEFAULT_PLUGINS_SINCE_0_2)
    assert set(plugins.DEFAULT_PLUGINS) >= DEFAULT_PLUGINS_SINCE_0_2
    for module in plugins.DEFAULT_PLUGINS:
        importlib.import_module(module)


@pytest.mark.parametrize("former", sorted(FORMATS_OF_DEFAULT_PLUGINS))
def test_a_default_plugin_is_disabled_by_its_0_1_name_and_by_its_name_now(
    former: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(plugins.DISABLE_VARIABLE, raising=False)
    with plugins.isolated():
        everything = capabilities()
    for name in (former, plugins.FORMER_NAMES[former]):
        monkeypatch.setenv(plugins.DISABLE_VARIABLE, name)
        with plugins.isolated():
            assert plugins.disabled_plugins() == (plugins.FORMER_NAMES[former],)
            assert everything - capabilities() == FORMATS_OF_DEFAULT_PLUGINS[former]
            assert plugins.broken_plugins() == ()
