"""English dates as a European audience reads them (22 February 2027, 24-hour clock),
instead of Django's US defaults for "en"."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# Our own names (Django's date filter and date_format() look any name up in these modules):
# templates and code name the kind of date, each language says how it reads.
WEEKDAY_DATE_FORMAT = "l, j F Y"  # Monday, 22 February 2027
WEEKDAY_MONTH_DAY_FORMAT = "l, j F"  # Monday, 22 February
SHORT_WEEKDAY_DATE_FORMAT = "D j M Y"  # Mon 22 Feb 2027
SHORT_WEEKDAY_MONTH_DAY_FORMAT = "D j M"  # Mon 22 Feb
SHORT_WEEKDAY_DATETIME_FORMAT = "D j M Y, H:i"  # Mon 22 Feb 2027, 09:30
