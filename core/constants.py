"""The portal's two languages and its clock."""

from zoneinfo import ZoneInfo

# Every visitor-facing text exists in French and in Dutch (in this order).
LANGUAGE_CODES: tuple[str, ...] = ("fr", "nl")

# Opening hours, events and "open now" are wall-clock times in Brussels.
BRUSSELS = ZoneInfo("Europe/Brussels")
