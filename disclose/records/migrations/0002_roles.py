from django.db import migrations

ROLES = [
    "scimt_officer",
    "social_worker",
    "team_manager",
    "csm",
    "business_support",
    "legal_services",
    "support_to_schools_manager",
    "information_governance",
    "admin",
]


def add_roles(apps, schema_editor):
    Role = apps.get_model("records", "Role")
    for code in ROLES:
        Role.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [migrations.RunPython(add_roles, migrations.RunPython.noop)]
