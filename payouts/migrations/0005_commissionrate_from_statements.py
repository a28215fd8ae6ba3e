# The commission rates move from statements to payouts by state only: the ledger
# prices each SALE with them (payouts.rates). Their table (statements_commissionrate)
# and rows stay where they are.
import django.core.validators
import django.db.models.deletion
from decimal import Decimal

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0037_artisan_review_productimage_renditions"),
        ("payouts", "0004_ledger_from_shipment_events_after_keys"),
        ("statements", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CommissionRate",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("rate", models.DecimalField(decimal_places=2, help_text="Percent of what the buyer paid for each line, e.g. 10.00.", max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal("0")), django.core.validators.MaxValueValidator(Decimal("100"))], verbose_name="commission (%)")),
                        ("valid_from", models.DateField(help_text="Applies to orders placed on or after this day (Western Indonesia Time).", verbose_name="applies from")),
                        ("note", models.TextField(blank=True, verbose_name="note")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="set at")),
                        ("created_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="set by")),
                        ("region", models.ForeignKey(blank=True, help_text="Empty: every region without a rate of its own.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="commission_rates", to="catalogue.region", verbose_name="region")),
                    ],
                    options={
                        "verbose_name": "commission rate",
                        "verbose_name_plural": "commission rates",
                        "db_table": "statements_commissionrate",
                        "ordering": ["-valid_from", "-pk"],
                        "constraints": [models.CheckConstraint(condition=models.Q(("rate__gte", 0), ("rate__lte", 100)), name="commission_rate_0_to_100"), models.UniqueConstraint(fields=("region", "valid_from"), name="commission_rate_one_per_region_and_day"), models.UniqueConstraint(condition=models.Q(("region__isnull", True)), fields=("valid_from",), name="commission_rate_one_default_per_day")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
