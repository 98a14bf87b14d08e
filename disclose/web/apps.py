from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "disclose.web"
    label = "web"
