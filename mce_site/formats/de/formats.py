"""German dates as German readers expect them ("Montag, 22. Februar 2027", 24-hour clock).
Names not set here come from Django's German module (input formats, separators)."""

DATE_FORMAT = "j. F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j. F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# The same names as in the English module (see there).
WEEKDAY_DATE_FORMAT = "l, j. F Y"  # Montag, 22. Februar 2027
WEEKDAY_MONTH_DAY_FORMAT = "l, j. F"  # Montag, 22. Februar
SHORT_WEEKDAY_DATE_FORMAT = "D, j. M Y"  # Mo, 22. Feb 2027
SHORT_WEEKDAY_MONTH_DAY_FORMAT = "D, j. M"  # Mo, 22. Feb
SHORT_WEEKDAY_DATETIME_FORMAT = "D, j. M Y, H:i"  # Mo, 22. Feb 2027, 09:30
