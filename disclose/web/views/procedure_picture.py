"""The picture of the procedure with this request's place on it (issue 5), on a
page of its own at /requests/<ref>/procedure/ and, through the template tag
procedure_picture, on the request page.

The page uses the request page's queryset, so the request, its subjects, file
movements and hard-copy lists come in a fixed number of queries; looking at
it is an access to the request like the request page itself.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from disclose.casework.models import Request
from disclose.casework.request_views import record_request_viewed

from ..procedure_layout import WIDTH, Drawing, layout
from ..procedure_stages import CURRENT, Position, position, route_words
from .requests_page import read_request


def picture_context(case: Request) -> dict:
    """What _picture.html needs, from the request's prefetched relations only."""
    where = position(
        case,
        list(case.subjects.all()),
        list(case.file_movements.all()),
        list(case.hard_copy_lists.all()),
    )
    drawing = layout(where)
    return {
        "case": case,
        "position": where,
        "drawing": drawing,
        "drawing_svg": drawing_svg(drawing),
        "drawing_width": WIDTH,
        "summary": summary(where),
        "redirect_words": route_words(case.outcome_route),
    }


# Each drawing rendered so far, by its description (repr): requests at the same
# place in the procedure share one. Rendering the drawing's hundreds of numbers
# and words took a quarter of the request page's time (issue 11). Bounded, so
# a process never holds more than a few megabytes of them.
_DRAWN: dict[str, SafeString] = {}
_MOST_DRAWN = 500


def drawing_svg(drawing: Drawing) -> SafeString:
    """The drawing's boxes, arrows and labels as SVG: rendered once per
    process for each different drawing, since they depend on nothing else."""
    key = repr(drawing)
    svg = _DRAWN.get(key)
    if svg is None:
        svg = render_to_string("web/procedure/_drawing.html", {"drawing": drawing})
        if len(_DRAWN) >= _MOST_DRAWN:
            _DRAWN.clear()
        _DRAWN[key] = svg
    return svg


def summary(where: Position) -> str:
    """One or two sentences saying where the request is now, for the image's description."""
    now = [stage.label for stage in where.before if stage.status == CURRENT]
    for row in where.subjects:
        now += [
            f"subject {row.number}: {stage.label}"
            for stage in row.stages
            if stage.status == CURRENT
        ]
    if where.close.status == CURRENT:
        now.append(where.close.label)
    if where.close.status == "done":
        return "The request is closed."
    if not now:
        return "Nothing is waiting on the procedure's next step."
    return "Now: " + "; ".join(now) + "."


@login_required
@require_GET
def procedure_page(request: HttpRequest, reference: str) -> HttpResponse:
    case = read_request(request.user, reference)
    record_request_viewed(actor=request.user, request=case, via="web", page="procedure")
    return render(request, "web/procedure/page.html", picture_context(case))
