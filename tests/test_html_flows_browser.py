"""The flows view in headless Chromium: highlighting by pointer and keyboard, offline, no policy violation.

Skips like tests/test_html_browser.py when Chromium, chromedriver or selenium is missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from journeymap import mining

from .test_html_browser import chrome, clean, open_page, write
from .test_html_flows import LOG, shop

pytest.importorskip("jinja2")

__all__ = ["chrome"]  # the fixture, shared with tests/test_html_browser.py


def lit(driver: Any) -> list[str]:
    """The data-say of every lit element of the first flows view."""
    return sorted(e.get_attribute("data-say") for e in driver.find_elements("css selector", "#jm-flow-0 .jm-on"))


def test_a_step_a_path_and_escape_light_and_clear_the_flows(chrome: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    paths = mining.paths_rows(LOG, shop(), around="home", before=1, after=1)
    assert clean(open_page(chrome, write(shop(), tmp_path, paths=paths))) == {}
    status = chrome.find_element("css selector", "#jm-flow-0 .jm-flow-status")
    assert chrome.find_element("css selector", "#jm-flow-0 .jm-flow-hint").is_displayed()

    ad = chrome.find_element("id", "jm-flow-0-n0-0")  # Ad, before Home
    ad.click()
    assert ad.get_attribute("aria-pressed") == "true"
    assert status.text == "Ad at −1, customers: 2"
    assert lit(chrome) == ["Ad at −1, customers: 2", "Ad → Home, customers: 2", "Home, customers: 3"]

    ActionChains(chrome).send_keys(Keys.ESCAPE).perform()
    assert lit(chrome) == []
    assert status.text == ""
    assert ad.get_attribute("aria-pressed") == "false"

    chrome.execute_script("document.getElementById('jm-flow-0-n2-0').focus()")  # Cart, after Home
    assert "Cart at +1, customers: 2" in lit(chrome)  # focus lights it
    ActionChains(chrome).send_keys(Keys.ENTER).perform()
    assert chrome.find_element("id", "jm-flow-0-n2-0").get_attribute("aria-pressed") == "true"

    pick = chrome.find_element("css selector", '#jm-flow-0 .jm-flow-pick[data-pick="0"]')
    assert pick.is_displayed()
    pick.click()
    assert pick.get_attribute("aria-pressed") == "true"
    assert chrome.find_element("id", "jm-flow-0-n2-0").get_attribute("aria-pressed") == "false"
    row = chrome.find_element("css selector", '#jm-flow-0 tr[data-seq="0"]')
    assert "jm-on" in (row.get_attribute("class") or "")
    assert status.text == pick.get_attribute("data-say")
    pick.click()  # selected again: cleared
    assert lit(chrome) == []
