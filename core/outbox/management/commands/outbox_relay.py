from django.core.management.base import BaseCommand

from core.outbox.services import outbox_sweep


class Command(BaseCommand):
    help = ("Deliver every due outbox row now (what the beat's sweep does every "
            "OUTBOX_SWEEP_SECONDS), and print what happened.")

    def handle(self, *args, **options):
        counts = outbox_sweep()
        self.stdout.write(", ".join(f"{key} {value}" for key, value in counts.items()))
