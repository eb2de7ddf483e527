"""Read every file of the hostile corpus (tests/hostile/corpus.py) as an upload is read, each in
a fresh child process, and print its CPU time, extra peak memory and the answer; then the worst.

    python manage.py benchmark_hostile_files [--only NAME ...] [--write DIR] [--check]

Memory is the child's peak resident set (VmHWM, reset just before reading) minus its resident set
before reading, so building the file does not count. ``--check`` exits non-zero when a file took
more than 2 s of CPU or 200 MB, or was not refused.
"""

import contextlib
import gc
import multiprocessing
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

CPU_BUDGET = 2.0
MEMORY_BUDGET_MB = 200


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _measure(case, connection) -> None:
    from indicators.importing.cells import FileProblem
    from indicators.importing.upload import read_upload

    data = case.build()
    gc.collect()
    before = _status_kb("VmRSS")
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    started = time.process_time()
    try:
        read_upload(data, case.filename)
        answer = "NIET GEWEIGERD"
        refused = False
    except FileProblem as exc:
        answer, refused = str(exc), True
    except Exception as exc:  # noqa: BLE001 - the benchmark reports whatever happened
        answer, refused = f"FOUT {exc!r}", False
    cpu = time.process_time() - started
    extra_mb = max(_status_kb("VmHWM") - before, 0) / 1024
    connection.send((cpu, extra_mb, refused, case.expect in answer, answer, len(data)))
    connection.close()


class Command(BaseCommand):
    help = "Measure how the upload answers each hostile file: CPU time, extra memory, message."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", default=None, help="Only these case names.")
        parser.add_argument("--write", default=None, help="Also write the files to this folder.")
        parser.add_argument("--check", action="store_true", help="Fail above the budgets.")

    def handle(self, *args, only=None, write=None, check=False, **options):
        from tests.hostile.corpus import CASES, write_corpus

        if write:
            write_corpus(Path(write))
        cases = [case for case in CASES if not only or case.name in only]
        context = multiprocessing.get_context("fork")
        results = []
        self.stdout.write(f"{'bestand':36} {'grootte':>11} {'CPU s':>7} {'+MB':>7}  antwoord")
        for case in cases:
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_measure, args=(case, send))
            process.start()
            send.close()
            cpu, extra_mb, refused, expected, answer, size = receive.recv()
            process.join()
            results.append((case.name, cpu, extra_mb, refused and expected))
            mark = "" if refused and expected else "  <-- onverwacht"
            self.stdout.write(
                f"{case.name:36} {size:>11,d} {cpu:>7.2f} {extra_mb:>7.1f}  {answer[:70]}{mark}"
            )
        worst_cpu = max(results, key=lambda result: result[1])
        worst_memory = max(results, key=lambda result: result[2])
        self.stdout.write(
            f"\nslechtste CPU: {worst_cpu[1]:.2f} s ({worst_cpu[0]}); "
            f"slechtste geheugen: +{worst_memory[2]:.1f} MB ({worst_memory[0]}); "
            f"{sum(1 for r in results if r[3])}/{len(results)} geweigerd met de verwachte melding"
        )
        if check and (
            worst_cpu[1] > CPU_BUDGET
            or worst_memory[2] > MEMORY_BUDGET_MB
            or not all(result[3] for result in results)
        ):
            raise CommandError(
                "Een bestand valt buiten het budget (2 s CPU, 200 MB) of is niet geweigerd."
            )
