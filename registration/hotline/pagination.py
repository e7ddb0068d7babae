"""Pages of the registrations list that count at most 1,000 rows past the page shown.

Django's admin counts every matching row, for the "N registrations" line and the number of
the last page: over 50,000 registrations that count was most of a filtered list's database
time. Past 1,000 the exact number helps nobody on the phone, so the count stops 1,000 rows
after the first row of the page shown, and the page says "more than ...". Every page number
it links to exists (they all lie within the rows counted); the last page is not linked,
since its number is unknown. Actions on "all", exports and the mass email use the filtered
queryset itself, never this count."""

from django.core.paginator import Paginator
from django.utils.formats import number_format
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CappedCountPaginator(Paginator):
    def __init__(self, object_list, per_page, *, first_row=0, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.counted_rows = max(first_row, 0) + COUNT_CAP

    @cached_property
    def count(self):
        """Exact up to `counted_rows`, one more when there are more (`is_capped`):
        SELECT COUNT(*) FROM (SELECT ... LIMIT n), unordered so the database may stop early."""
        return self.object_list.order_by()[: self.counted_rows + 1].count()

    @property
    def is_capped(self):
        return self.count > self.counted_rows

    @property
    def more_than(self):
        """The number the list has more rows than, as the reader's language writes it."""
        return number_format(self.counted_rows, force_grouping=True)

    def get_elided_page_range(self, number=1, *, on_each_side=3, on_ends=2):
        pages = list(
            super().get_elided_page_range(number, on_each_side=on_each_side, on_ends=on_ends)
        )
        if self.is_capped:
            # Django ends with "…, last-1, last"; here "last" is only where counting stopped.
            return pages[:-on_ends]
        return pages


def first_row_of_page(request, per_page, page_var="p"):
    """The first row (from 0) of the page the changelist will show, read as it reads it."""
    try:
        page = int(request.GET.get(page_var, 1))
    except ValueError:
        page = 1
    return max(page - 1, 0) * per_page
