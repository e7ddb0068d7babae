"""Paging of every API list: `?page=N` (from 1) and `?page_size=` (at most 200);
answers are {"items": [...], "count": total}."""

from ninja.pagination import PageNumberPagination

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class Pages(PageNumberPagination):
    def __init__(self, **kwargs):
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)
