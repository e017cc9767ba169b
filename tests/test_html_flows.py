"""The flows view of the HTML map: ``export(journey, "html", paths=mining.paths(...))``.

A hand-counted log: c1 Ad → Home → Cart, c2 Ad → Home → Pay, c3 Home → Cart, c4 Ad → Cart (never at Home).
Around Home, one step each side: 3 customers; before it Ad (2) or nothing (1), after it Cart (2) or Pay (1).
"""

from __future__ import annotations

import re

import pytest

import journeymap as jm
from journeymap import mining
from journeymap.errors import ValidationError

from .test_html import Page, html, policy, sha256

pytest.importorskip("jinja2")

LOG = [
    ("c1", "ad", "2024-01-01T10:00Z"),
    ("c1", "home", "2024-01-01T10:01Z"),
    ("c1", "cart", "2024-01-01T10:02Z"),
    ("c2", "ad", "2024-01-01T11:00Z"),
    ("c2", "home", "2024-01-01T11:01Z"),
    ("c2", "pay", "2024-01-01T11:02Z"),
    ("c3", "home", "2024-01-01T12:00Z"),
    ("c3", "cart", "2024-01-01T12:05Z"),
    ("c4", "ad", "2024-01-01T13:00Z"),
    ("c4", "cart", "2024-01-01T13:01Z"),
]


def shop() -> jm.Journey:
    return jm.Journey(
        title="Shop",
        stages=[jm.Stage(name="Look", touchpoints=["Ad", "Home"]), jm.Stage(name="Buy", touchpoints=["Cart", "Pay"])],
    )


def around_home() -> mining.Paths:
    return mining.paths_rows(LOG, shop(), around="home", before=1, after=1)


def says(page: Page, css_class: str) -> dict[str, str]:
    """data-say of every element of ``css_class``, by id."""
    return {
        str(attrs["id"]): str(attrs["data-say"])
        for _, attrs in page.tags
        if css_class in (attrs.get("class") or "").split()
    }


def table_rows(text: str, table_id: str) -> list[list[str]]:
    """The body rows of a table, as cell texts (tags removed)."""
    body = text.split(f'id="{table_id}"', 1)[1].split("</tbody>", 1)[0].split("<tbody>", 1)[1]
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body)
    ]


def test_the_flows_show_each_step_and_move_with_its_customers() -> None:
    page = Page(html(shop(), "en", paths=around_home()))
    assert "Paths around Home" in page.text
    assert "Customers who reached Home: 3; different paths: 3." in page.text
    assert sorted(says(page, "jm-flow-node").values()) == [
        "(start) at −1, customers: 1",
        "Ad at −1, customers: 2",
        "Cart at +1, customers: 2",
        "Home, customers: 3",
        "Pay at +1, customers: 1",
    ]
    assert sorted(says(page, "jm-flow-band").values()) == [
        "(start) → Home, customers: 1",
        "Ad → Home, customers: 2",
        "Home → Cart, customers: 2",
        "Home → Pay, customers: 1",
    ]
    assert {"Ad (2)", "(start) (1)", "Home (3)", "Cart (2)", "Pay (1)"} <= set(page.texts)


def test_a_node_is_as_tall_as_its_customers_and_a_band_as_wide() -> None:
    text = html(shop(), "en", paths=around_home())
    heights = {
        node: float(height)
        for node, height in re.findall(r'<g class="jm-flow-node[^"]*" id="([^"]+)".*?height="([\d.]+)"', text, re.S)
    }
    home, ad, start = heights["jm-flow-0-n1-0"], heights["jm-flow-0-n0-0"], heights["jm-flow-0-n0-1"]
    assert home == pytest.approx(ad + start, abs=0.2)
    assert ad == pytest.approx(2 * start, abs=0.2)


def test_the_tables_list_the_most_frequent_paths_and_every_move() -> None:
    paths = around_home()
    text = html(shop(), "en", paths=paths)
    rows = table_rows(text, "jm-flow-0-paths")
    assert sorted(tuple(row[:4]) for row in rows) == [
        ("(start)", "Home", "Cart", "1"),
        ("Ad", "Home", "Cart", "1"),
        ("Ad", "Home", "Pay", "1"),
    ]
    assert "Every move between neighbouring steps" in text
    moves = text.split("jm-flow-moves", 1)[1]
    found = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td class=\"jm-num\">(\d+)</td></tr>", moves)
    assert sorted(found) == sorted(
        [
            ("−1 → Home", "Ad", "Home", "2"),
            ("−1 → Home", "(start)", "Home", "1"),
            ("Home → +1", "Home", "Cart", "2"),
            ("Home → +1", "Home", "Pay", "1"),
        ]
    )


def test_a_path_lights_exactly_the_steps_and_moves_it_runs_through() -> None:
    paths = around_home()
    page = Page(html(shop(), "en", paths=paths))
    names = {"ad": "Ad", "home": "Home", "cart": "Cart", "pay": "Pay", None: None}
    for index, sequence in enumerate(paths.sequences):
        lit = [
            str(attrs["data-say"])
            for _, attrs in page.tags
            if str(index) in (attrs.get("data-seq") or "").split() and attrs.get("data-say")
        ]
        before, _, after = (names[step] or "(start)" for step in sequence.steps)
        assert sorted(lit) == sorted(
            [
                f"{before} at −1, customers: {2 if before == 'Ad' else 1}",
                "Home, customers: 3",
                f"{after} at +1, customers: {2 if after == 'Cart' else 1}",
                f"{before} → Home, customers: {2 if before == 'Ad' else 1}",
                f"Home → {after}, customers: {2 if after == 'Cart' else 1}",
            ]
        ), sequence


def test_more_than_six_steps_in_a_column_merge_into_other_steps() -> None:
    # eight customers, each with a different unmatched event before Home
    log = [(f"c{i}", f"e{i}", "2024-01-01T10:00Z") for i in range(8)]
    log += [(f"c{i}", "home", "2024-01-01T10:05Z") for i in range(8)]
    paths = mining.paths_rows(log, shop(), around="home", before=1, after=0)
    page = Page(html(shop(), "en", paths=paths))
    nodes = sorted(says(page, "jm-flow-node").values())
    assert "other steps at −1, customers: 2" in nodes
    assert len([n for n in nodes if n.endswith("at −1, customers: 1")]) == 6
    assert "other steps → Home, customers: 2" in says(page, "jm-flow-band").values()


def test_stage_paths_are_written_with_the_stage_names_and_labels_follow_the_language() -> None:
    paths = mining.paths_rows(LOG, shop(), around="look", before=0, after=1, by="stage")
    page = Page(html(shop(), "ru", paths=paths))
    assert "Пути вокруг Look" in page.text
    assert "Look → Buy, клиентов: 4" in says(page, "jm-flow-band").values()
    assert "Самые частые пути" in page.text


def test_a_page_with_flows_is_still_one_offline_page_with_only_its_own_script() -> None:
    text = html(shop(), "en", paths=[around_home(), mining.paths_rows(LOG, shop(), around="cart", before=2)])
    page = Page(text)
    assert page.unbalanced == []
    assert page.open == []
    assert [name for name, _ in page.tags].count("script") == 1
    assert policy(page)["script-src"] == [sha256("".join(page.raw["script"]))]
    assert "://" not in text
    for _, attrs in page.tags:
        assert not [name for name in attrs if name.startswith("on") or name in ("style", "src", "href")]
    assert page.by_id("jm-flow-1")
    ids = [attrs["id"] for _, attrs in page.tags if attrs.get("id")]
    assert len(ids) == len(set(ids))
    focusable = [attrs for _, attrs in page.tags if "jm-flow-node" in (attrs.get("class") or "")]
    assert all(a["tabindex"] == "0" and a["role"] == "button" and a["aria-label"] for a in focusable)


def test_without_paths_the_page_has_no_flows_and_the_same_text_gives_the_same_bytes() -> None:
    assert "jm-flow-0" not in html(shop(), "en")
    assert html(shop(), "en", paths=around_home()) == html(shop(), "en", paths=[around_home()])


@pytest.mark.parametrize("value", ["home", [object()], 3])
def test_a_paths_option_that_is_not_a_paths_result_is_refused_naming_the_option(value: object) -> None:
    with pytest.raises(ValidationError, match=r"options\.paths: must be what mining\.paths\(\) returns"):
        html(shop(), "en", paths=value)


def test_paths_of_the_touchpoint_alone_give_the_table_without_a_picture() -> None:
    paths = mining.paths_rows(LOG, shop(), around="home", before=0, after=0)
    text = html(shop(), "en", paths=paths)
    assert '<svg class="jm-flow-chart"' not in text
    assert table_rows(text, "jm-flow-0-paths") == [["Home", "3", "Highlight"]]
