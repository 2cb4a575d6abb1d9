from django.db import migrations, models


def reseed(apps, schema_editor):
    """The point-letter scale now names its source and the day it was checked; FX allows a retake."""
    from eacademy.core.grade_scales import load_grade_scales

    load_grade_scales(apps.get_model("core", "GradeScale"), apps.get_model("core", "GradeBand"))


class Migration(migrations.Migration):
    dependencies = [("core", "0005_five_point_from_point_letter")]

    operations = [
        migrations.AddField("gradescale", "source", models.CharField(blank=True, max_length=300, verbose_name="source")),
        migrations.AddField("gradescale", "checked_on", models.DateField(blank=True, null=True, verbose_name="checked against the source on")),
        migrations.AddField("gradeband", "retake_allowed", models.BooleanField(default=False, verbose_name="a retake is allowed")),
        migrations.RunPython(reseed, migrations.RunPython.noop),
    ]
