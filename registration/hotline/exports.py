"""Tables of registrations as CSV and Excel files (openpyxl), and the columns they hold."""

import csv
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

REGISTRATION_COLUMNS = [
    (_("Booking reference"), lambda r: r.booking_reference),
    (_("Status"), lambda r: r.get_status_display()),
    (_("Source"), lambda r: r.get_source_display()),
    (_("Title"), lambda r: r.title),
    (_("First name"), lambda r: r.first_name),
    (_("Last name"), lambda r: r.last_name),
    (_("Organisation"), lambda r: r.organisation),
    (_("Position"), lambda r: r.position),
    (_("City"), lambda r: r.city),
    (_("Country"), lambda r: r.country.name),
    (_("Email"), lambda r: r.email),
    (_("Phone"), lambda r: str(r.phone or "")),
    (_("Category"), lambda r: str(r.category)),
    (_("Delegation"), lambda r: r.delegation.name if r.delegation_id else ""),
    (_("Days"), lambda r: ", ".join(f"{d.date:%Y-%m-%d}" for d in r.days.all())),
    (_("Gala dinner"), lambda r: _("yes") if r.gala_dinner else _("no")),
    (_("World Café table"), lambda r: r.world_cafe_table.number if r.world_cafe_table else ""),
    (_("Dietary needs"), lambda r: r.dietary_needs),
    (_("Accessibility needs"), lambda r: r.accessibility_needs),
    (_("Registered"), lambda r: timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M")),
]

PARTICIPANT_COLUMNS = [
    (_("Title"), lambda r: r.title),
    (_("First name"), lambda r: r.first_name),
    (_("Last name"), lambda r: r.last_name),
    (_("Position"), lambda r: r.position),
    (_("Organisation"), lambda r: r.organisation),
    (_("City"), lambda r: r.city),
    (_("Country"), lambda r: r.country.name),
]

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_response(*, registrations, columns, filename, file_format):
    """A download of one row per registration; `file_format` is "csv" or "xlsx"."""
    header = [str(label) for label, _value in columns]
    rows = ([_cell(value(r)) for _label, value in columns] for r in registrations)
    writer = _write_xlsx if file_format == "xlsx" else _write_csv
    response = HttpResponse(writer(header, rows), content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


def _cell(value):
    """Text as a spreadsheet must not run: a leading =, +, - or @ would start a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def _write_csv(header, rows):
    from io import StringIO

    buffer = StringIO()
    # A byte-order mark makes Excel read the file as UTF-8 (names with accents).
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _write_xlsx(header, rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
