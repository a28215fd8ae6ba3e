from django.core.management.base import BaseCommand

from core.outbox.models import OutboxState
from core.outbox.selectors import outbox_counts


class Command(BaseCommand):
    help = ("Count the outbox rows still waiting or parked, per task; exit 1 when any is "
            "parked (a side effect that keeps failing needs a look: see its last error in the admin).")

    def handle(self, *args, **options):
        rows = outbox_counts()
        if not rows:
            self.stdout.write("Outbox: nothing waiting, nothing parked.")
            return
        for row in rows:
            self.stdout.write(f"{row['state']:8} {row['count']:6}  {row['task_name']}  "
                              f"(oldest {row['oldest']:%Y-%m-%d %H:%M})")
        if any(row["state"] == OutboxState.PARKED for row in rows):
            raise SystemExit(1)
