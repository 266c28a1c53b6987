"""Load the default taxonomy (organisation NULL) from coding/default_taxonomy.yaml."""

from django.db import migrations


def load(apps, schema_editor):
    from coding.taxonomy import load_default_codes

    load_default_codes(apps.get_model("coding", "Code"), apps.get_model("coding", "CodeVersion"))


def unload(apps, schema_editor):
    Code = apps.get_model("coding", "Code")
    # Children before parents: the tree's links are PROTECT.
    while Code.objects.filter(organisation__isnull=True).exists():
        Code.objects.filter(organisation__isnull=True, children__isnull=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("coding", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
