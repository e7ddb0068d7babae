"""Programme import in admin (the sheets and their rules: conferences/imports.py)."""

from import_export.admin import ImportMixin
from import_export.formats.base_formats import CSV, XLSX


class ProgrammeImportMixin(ImportMixin):
    """Import from CSV or Excel with a preview of every row before anything is written. An
    import adds and changes rows, so it needs both permissions (import-export's default would
    let every member of the site in)."""

    import_formats = [CSV, XLSX]
    import_template_name = "admin/conferences/programme_import.html"

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)
