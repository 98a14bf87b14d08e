"""Pages of a long list (issue 11, item 3): no page's time, size or queries
grow with the number of requests. Each list reads one page of rows, and says
"rows 51 to 100 of 4,812" with links to the page before and after, keeping
the page's other query parameters."""

from dataclasses import dataclass
from math import ceil

from django.db.models import Count, QuerySet, Window
from django.http import HttpRequest

PER_PAGE = 50


@dataclass(frozen=True)
class Page:
    number: int
    total: int  # rows in the whole list
    param: str  # the query parameter that says which page
    query: str  # the page's other parameters, url-encoded
    anchor: str = ""
    size: int = PER_PAGE

    @property
    def count(self) -> int:
        return max(1, ceil(self.total / self.size))

    @property
    def first_row(self) -> int:
        return (self.number - 1) * self.size

    @property
    def shown_from(self) -> int:
        return self.first_row + 1 if self.total else 0

    @property
    def shown_to(self) -> int:
        return min(self.total, self.number * self.size)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count

    def url(self, number: int) -> str:
        query = f"{self.query}&" if self.query else ""
        return f"?{query}{self.param}={number}" + (f"#{self.anchor}" if self.anchor else "")

    @property
    def previous_url(self) -> str:
        return self.url(self.number - 1)

    @property
    def next_url(self) -> str:
        return self.url(self.number + 1)


def page_of(
    request: HttpRequest, param: str, total: int, *, anchor: str = "", size: int = PER_PAGE
) -> Page:
    """The page asked for in ?param=N, within 1 and the last page: a number
    out of range, or not a number, shows the nearest page rather than an error."""
    others = request.GET.copy()
    others.pop(param, None)
    asked = asked_for(request, param)
    last = max(1, ceil(total / size))
    return Page(
        number=min(max(asked, 1), last),
        total=total,
        param=param,
        query=others.urlencode(),
        anchor=anchor,
        size=size,
    )


def asked_for(request: HttpRequest, param: str) -> int:
    """The page number in ?param=N as asked, 1 when there is none or it is not
    a number (page_of keeps it within the list)."""
    try:
        return int(request.GET.get(param, "1"))
    except ValueError:
        return 1


def first_page(rows: QuerySet, count: int = PER_PAGE) -> QuerySet:
    """The first `count` rows of a list, each with how many it has in all (a
    window count): the first page, by far the most asked for, reads the list
    once instead of counting it first."""
    return rows.annotate(list_total=Window(Count("pk")))[:count]


def rows_and_total(got: list) -> tuple[list, int]:
    """The rows of first_page() and the list's total."""
    if not got:
        return got, 0
    first = got[0]
    return got, first["list_total"] if isinstance(first, dict) else first.list_total
