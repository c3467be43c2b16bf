"""The stylesheet's colours: text at least 4.5:1 against every background it is set on
(WCAG 2 AA), computed from the colours the stylesheet itself declares."""

from __future__ import annotations

import re

import pytest

from backtrace.serve.assets import STYLE_CSS


def _var(name: str) -> str:
    found = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{3,6}})", STYLE_CSS)
    assert found, name
    return found.group(1)


def _luminance(colour: str) -> float:
    hexes = colour.lstrip("#")
    if len(hexes) == 3:
        hexes = "".join(c * 2 for c in hexes)
    rgb = [int(hexes[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _rule_colours(selector: str) -> tuple[str, str]:
    body = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", STYLE_CSS)
    assert body, selector
    back = re.search(r"background:\s*(#[0-9a-fA-F]{3,6})", body.group(1))
    fore = re.search(r"color:\s*var\(--(\w+)\)", body.group(1))
    assert back and fore, selector
    return _var(fore.group(1)), back.group(1)


@pytest.mark.parametrize(("fg", "bg"), [
    ("fg", "bg"), ("muted", "bg"), ("muted", "soft"), ("muted", "mark"), ("fg", "mark"),
    ("accent", "bg"), ("accent", "soft"), ("bad", "bg"), ("good", "bg"),
])
def test_theme_text_is_readable_on_theme_backgrounds(fg: str, bg: str) -> None:
    assert contrast(_var(fg), _var(bg)) >= 4.5


@pytest.mark.parametrize("selector", [".status", ".status-conflict", ".status-overridden",
                                      ".status-believed", ".status-disputed",
                                      ".status-decided", ".status-overruled"])
def test_status_badges_are_readable(selector: str) -> None:
    assert contrast(*_rule_colours(selector)) >= 4.5
