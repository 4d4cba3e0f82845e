"""``manage.py worker``: the task worker, resuming what a killed worker left."""

from django_tasks_db.management.commands.db_worker import Command as DbWorker

from newsletters.sending import resume_stalled


class Command(DbWorker):
    help = (
        "Queue a batch for every newsletter sending a killed worker left without "
        "one, then run the database task worker (same options as db_worker)."
    )

    def handle(self, *args, **options):
        resumed = resume_stalled()
        if resumed:
            self.stdout.write(
                f"Resumed the sending of issue(s) {', '.join(map(str, resumed))}."
            )
        super().handle(*args, **options)
