"""Numbers as readers expect them in the active language: « 15 378 », « 13,2 % », « 5,16 €/m² ».

Stored values are Decimals with two places; shown without trailing zeros, with the language's
grouping and decimal separators (Django's formats).
"""

from decimal import Decimal

from django.utils.formats import number_format


def decimal_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def format_number(value) -> str:
    """``value`` with the active language's separators, without trailing zeros."""
    if value is None:
        return ""
    value = Decimal(value)
    return number_format(value, decimal_pos=decimal_places(value), use_l10n=True, force_grouping=True)


def format_signed(value) -> str:
    """Like :func:`format_number`, with an explicit « + » for positive changes."""
    text = format_number(value)
    return f"+{text}" if value is not None and Decimal(value) > 0 else text


def format_value(value, unit="", *, signed=False) -> str:
    """A number and its unit, e.g. « 13,2 % » or « 15 378 habitants »."""
    if value is None:
        return ""
    number = format_signed(value) if signed else format_number(value)
    unit = (unit or "").strip()
    if not unit:
        return number
    return f"{number}\u00a0{unit}"


def plain_number(value):
    """A Decimal as a JSON/CSV-friendly number: int when whole, else float; None stays None."""
    if value is None:
        return None
    value = Decimal(value).normalize()
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def plain_text(value) -> str:
    """A Decimal as plain text with a dot, no grouping and no trailing zeros (for CSV)."""
    if value is None:
        return ""
    value = Decimal(value).normalize()
    if value == value.to_integral_value():
        return str(int(value))
    return format(value, "f")
