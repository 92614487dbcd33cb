from django.http import HttpResponse
from django.shortcuts import render

from config.http import HtmxHttpRequest


def home(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "home.html")
