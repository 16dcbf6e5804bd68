"""to_decimal, rounding helpers and package hygiene."""

import ast
import pathlib
import sys
from decimal import Decimal

import pytest

from engine import (
    EngineError,
    InvalidInputError,
    NegativeValueError,
    divide_rounded,
    round_factor,
    round_money,
    round_points,
    round_result,
    to_decimal,
)

ENGINE_DIR = pathlib.Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (5, Decimal("5")),
        ("2.50", Decimal("2.50")),
        (" 7.1 ", Decimal("7.1")),
        (Decimal("0.3"), Decimal("0.3")),
        (0.1, Decimal("0.1")),
        (19.5, Decimal("19.5")),
        ("-0", Decimal("0")),
    ],
)
def test_to_decimal_accepts(raw, expected):
    result = to_decimal(raw, "x")
    assert result == expected
    assert str(result) == str(expected)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (None, "missing"),
        (True, "not_a_number"),
        ("abc", "not_a_number"),
        ([1], "not_a_number"),
        (float("nan"), "not_finite"),
        (float("inf"), "not_finite"),
        ("NaN", "not_finite"),
        ("-Infinity", "not_finite"),
        (Decimal("sNaN"), "not_finite"),
    ],
)
def test_to_decimal_rejects(raw, code):
    with pytest.raises(InvalidInputError) as info:
        to_decimal(raw, "bonus of Alice")
    assert info.value.code == code
    assert info.value.item == "bonus of Alice"
    assert "bonus of Alice" in str(info.value)
    assert isinstance(info.value, EngineError)
    assert isinstance(info.value, ValueError)


def test_to_decimal_negative():
    with pytest.raises(NegativeValueError) as info:
        to_decimal("-1.5", "points of Bob")
    assert info.value.item == "points of Bob"
    assert info.value.value == Decimal("-1.5")
    assert info.value.code == "negative_value"
    assert "points of Bob" in str(info.value)
    assert to_decimal(-2, "delta", allow_negative=True) == Decimal(-2)


def test_round_half_up():
    assert round_money(Decimal("0.005")) == Decimal("0.01")
    assert round_money(Decimal("0.015")) == Decimal("0.02")
    assert round_money(Decimal("2.344999")) == Decimal("2.34")
    assert round_result(Decimal("44.445")) == Decimal("44.45")
    assert round_points(Decimal("1.23445")) == Decimal("1.2345")
    assert round_factor(Decimal("0.33335")) == Decimal("0.3334")
    assert str(round_money(Decimal(3))) == "3.00"


def test_divide_rounded_is_exact():
    q = Decimal("0.0001")
    assert divide_rounded(1, 3, q) == Decimal("0.3333")
    assert divide_rounded(2, 3, q) == Decimal("0.6667")
    assert divide_rounded(1, 8, Decimal("0.01")) == Decimal("0.13")
    assert divide_rounded(Decimal("19.5"), 39, q) == Decimal("0.5000")
    # True quotient 0.12344999...: one rounding only, no double rounding.
    assert divide_rounded(Decimal("0.1234499999999"), 1, q) == Decimal("0.1234")
    assert divide_rounded(-1, 8, Decimal("0.01")) == Decimal("-0.13")
    with pytest.raises(InvalidInputError):
        divide_rounded(1, 0, q)


def _engine_sources():
    return sorted(p for p in ENGINE_DIR.glob("*.py"))


def test_no_odoo_and_only_relative_internal_imports():
    sources = _engine_sources()
    assert len(sources) >= 5
    for path in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    continue
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert top not in {"odoo", "engine"}, (path.name, name)


def test_no_init_in_tests_dir():
    assert not (ENGINE_DIR / "tests" / "__init__.py").exists()


def test_repository_root_not_imported():
    # The addon root imports Odoo; collecting the engine tests must not.
    assert "odoo" not in sys.modules
