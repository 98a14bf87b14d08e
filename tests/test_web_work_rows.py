"""My work's rows, written in Python (web/templatetags/work_rows.py), are the
rows the template loop wrote: the same cells, words and links, every value
escaped, whatever the names hold (issue 11)."""

import re
from datetime import date

from django.template import engines
from hypothesis import given, settings
from hypothesis import strategies as st

from disclose.web.templatetags.work_rows import work_rows
from disclose.web.views.home import WorkRow

# The loop web/requests/includes/work_table.html had, kept as the reference.
TEMPLATE_LOOP = """{% load links %}{% for row in rows %}
    <tr class="govuk-table__row">
      <td class="govuk-table__cell"><a class="govuk-link" href="{{ row.reference|request_url }}">{{ row.reference }}</a></td>
      <td class="govuk-table__cell">{{ row.names }}</td>
      <td class="govuk-table__cell">{{ row.needed }}</td>
      {% if show_holder %}<td class="govuk-table__cell">{{ row.holder }}</td>{% endif %}
      <td class="govuk-table__cell">{% if row.due %}{{ row.due|short_date }}{% if row.overdue %} <strong class="govuk-tag govuk-tag--red">Overdue</strong>{% endif %}{% else %}<span class="govuk-body-s">No time limit running</span>{% endif %}</td>
      <td class="govuk-table__cell">{{ row.received|short_date }}</td>
    </tr>
  {% endfor %}"""

words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
rows = st.builds(
    WorkRow,
    reference=st.from_regex(r"R-20[0-9]{2}-[0-9]{5}", fullmatch=True),
    names=words,
    needed=words,
    received=days,
    holder=words,
    due=st.none() | days,
    overdue=st.booleans(),
)


def _tags_apart(html: str) -> str:
    """The layout between tags (newlines, indents) does not show on the page."""
    return re.sub(r">\s+<", "><", html).strip()


@settings(max_examples=200, deadline=None)
@given(listed=st.lists(rows, max_size=4), show_holder=st.booleans())
def test_the_rows_are_the_rows_the_template_wrote(listed, show_holder):
    loop = engines["django"].from_string(TEMPLATE_LOOP)
    expected = loop.render({"rows": listed, "show_holder": show_holder})
    assert _tags_apart(work_rows(listed, show_holder)) == _tags_apart(expected)


def test_a_name_with_markup_in_it_is_shown_as_words():
    row = WorkRow(
        "R-2026-00001",
        names='<script>alert("x")</script> & Co',
        needed="Decide",
        received=date(2026, 3, 4),
        holder="<b>Sam</b>",
    )
    html = work_rows([row], show_holder=True)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    assert "&lt;b&gt;Sam&lt;/b&gt;" in html
