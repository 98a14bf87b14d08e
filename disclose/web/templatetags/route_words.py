"""{{ route|route_words }}: a route's plain words (procedure/route_words.py)."""

from django import template

from disclose.procedure.route_words import route_words

register = template.Library()
register.filter("route_words", route_words)
