from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "disclose.backup"
    label = "backup"
