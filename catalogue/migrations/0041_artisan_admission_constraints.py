"""The old decision columns go, now that artisans.0001_initial (which runs before this
migration) has written them into the admission event log; the state gets its
constraints.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0040_artisan_admission_state'),
        ('partner', '0007_partneraddress_code'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='artisan',
            name='declined_at',
        ),
        migrations.RemoveField(
            model_name='artisan',
            name='review_note',
        ),
        migrations.RemoveField(
            model_name='artisan',
            name='reviewed_by',
        ),
        migrations.AddConstraint(
            model_name='artisan',
            constraint=models.CheckConstraint(condition=models.Q(('admission_state__in', ['pending', 'verified', 'declined'])), name='artisan_admission_state_known'),
        ),
        migrations.AddConstraint(
            model_name='artisan',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('admission_state', 'verified'), ('is_verified', True), ('verified_at__isnull', False)), models.Q(models.Q(('admission_state', 'verified'), _negated=True), ('is_verified', False), ('verified_at__isnull', True)), _connector='OR'), name='artisan_verified_matches_admission_state'),
        ),
    ]
