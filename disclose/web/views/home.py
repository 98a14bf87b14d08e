from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """A placeholder: a later issue lists the requests waiting for this person."""
    return render(request, "web/my_work.html")
