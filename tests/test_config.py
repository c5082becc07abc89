"""The normkit settings: one object, each value checked once, documented from its help."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from normkit.sphinxext.config import NormkitConfig, SettingError, read_config, settings_table

ROOT = Path(__file__).resolve().parents[1]


def _config(**values: object) -> SimpleNamespace:
    defaults = {f"normkit_{k}": v for k, v in NormkitConfig().__dict__.items()}
    return SimpleNamespace(**{**defaults, **{f"normkit_{k}": v for k, v in values.items()}})


def test_defaults_are_valid_and_read_back() -> None:
    config = read_config(_config(toc_depth=3, pdf_tagged=False), Path("/repo"))
    assert config.toc_depth == 3 and config.pdf_tagged is False
    assert config.pdf_variant == "pdf/a-2u"


@pytest.mark.parametrize(
    "name, value, words",
    [
        ("toc_depth", 0, "from 1 (clauses only) to 6"),
        ("toc_depth", "2", "from 1 (clauses only) to 6"),
        ("edition", "french", 'must be "" or "bilingual"'),
        ("pdf_tagged", "yes", "must be True or False"),
        ("pdf_variant", "pdf/a-9", "pdf/ua-1"),
    ],
)
def test_a_wrong_value_names_conf_py_the_value_and_the_fix(name, value, words) -> None:
    with pytest.raises(SettingError) as raised:
        read_config(_config(**{name: value}), Path("/repo"))
    message = str(raised.value)
    assert message.startswith(f"/repo/conf.py: normkit_{name} = {value!r} ")
    assert words in message


def test_the_documented_table_is_current() -> None:
    """docs/configuration.md shows settings_table(); regenerate it from the help when a
    setting changes (see the comment in that file)."""
    assert settings_table() in (ROOT / "docs" / "configuration.md").read_text("utf-8")


def test_the_documented_warning_codes_are_current() -> None:
    from normkit.diagnostics import codes_table

    assert codes_table() in (ROOT / "docs" / "configuration.md").read_text("utf-8")


def test_an_undeclared_warning_code_is_a_programming_error() -> None:
    from normkit.diagnostics import warn

    with pytest.raises(ValueError, match="undeclared warning code 'no-such-code'"):
        warn("no-such-code", "message", None)
