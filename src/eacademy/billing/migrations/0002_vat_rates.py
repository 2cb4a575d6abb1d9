from django.db import migrations


def load(apps, schema_editor):
    from eacademy.billing.services import VAT_RATES

    VatRate = apps.get_model("billing", "VatRate")
    for valid_from, percent, source in VAT_RATES:
        VatRate.objects.get_or_create(valid_from=valid_from, defaults={"percent": percent, "source": source})


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
