"""CSV cells a spreadsheet opens as text, never as a formula (OWASP's CSV injection advice):
a cell starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
