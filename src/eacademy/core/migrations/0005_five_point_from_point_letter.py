from django.db import migrations


def reseed(apps, schema_editor):
    """The five-point bands now come from the point-letter table's words (85 is 4, 70 is 3)."""
    from eacademy.core.grade_scales import load_grade_scales

    load_grade_scales(apps.get_model("core", "GradeScale"), apps.get_model("core", "GradeBand"))


class Migration(migrations.Migration):
    dependencies = [("core", "0004_must_change_password")]

    operations = [migrations.RunPython(reseed, migrations.RunPython.noop)]
