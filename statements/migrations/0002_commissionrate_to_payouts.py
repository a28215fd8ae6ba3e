# The commission rates now belong to payouts (payouts 0005); their table stays.
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("statements", "0001_initial"),
        ("payouts", "0005_commissionrate_from_statements"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CommissionRate")],
            database_operations=[],
        ),
    ]
