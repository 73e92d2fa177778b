"""Time and peak memory of imports in the national register's shapes (issues 12 and 13):

    .venv/bin/python -m bench.import_register            # all cases
    .venv/bin/python -m bench.import_register --rows 200000   # a smaller national file

Cases, each run in a fresh process so that its peak RSS is the import's own (Django included):
- the register's spreadsheet download, 5 000 rows: checked and imported as a batch;
- a generated national-shape .csv.gz of 1 000 000 rows (69 columns), filtered to one
  municipality, checked and imported as a batch (target: under 60 s and under 300 MB);
- the hostile files of bench/import_hostile.py and the largest allowed file (under 300 MB).
Results go to bench/results/import-<time>.json and .md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
MUNICIPALITY = "1804"


def _setup(workdir: Path):
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frivillig.settings_test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = str(workdir / "media")
    call_command("migrate", verbosity=0)
    from core.models import Centre, Municipality

    municipality, _ = Municipality.objects.get_or_create(name="Fjordvik", slug="fjordvik")
    centre, _ = Centre.objects.get_or_create(
        municipality=municipality, name="Fjordvik frivilligsentral", slug="fjordvik"
    )
    return centre


def _batch(centre, path: Path, municipalities: list[str]) -> dict:
    """The whole batch as the worker runs it: store, check, confirm, import."""
    from core.permissions import Access
    from organisations import batches

    with path.open("rb") as handle:
        batch = batches.import_batch_create(
            actor=Access.system(),
            centre=centre,
            filename=path.name,
            file=handle,
            municipalities=municipalities,
            queue=False,
        )
    batch = batches.import_batch_run(batch_id=batch.pk)
    checked = {"status": batch.status, "rows_read": batch.rows_scanned, "kept": batch.rows_total}
    if batch.status == "checked":
        batches.import_batch_confirm(
            actor=Access.system(), batch=batch, good_rows_only=True, queue=False
        )
        batch = batches.import_batch_run(batch_id=batch.pk)
    return {
        **checked,
        "final_status": batch.status,
        "created": batch.created_count,
        "updated": batch.updated_count,
        "errors": batch.error_count,
        "message": batch.error[:120],
    }


def hostile_files(workdir: Path) -> list[Path]:
    """The hostile files of bench/import_hostile.py and the largest allowed file, on disk."""
    from bench.import_hostile import sheet_xml, workbook_with_sheet

    files = {
        "zip-bomb-5M-rows.xlsx": workbook_with_sheet(sheet_xml(5_000_000)),
        "sheet-500k-rows-no-dimension.xlsx": workbook_with_sheet(sheet_xml(500_000)),
        "lines-1M.csv": b"navn\n" + b"a\n" * 1_000_000,
        "largest-allowed-10k-rows.csv": (
            "navn;epost\n" + "".join(f"Forening {n};post{n}@lag.example\n" for n in range(10_000))
        ).encode(),
    }
    paths = []
    for name, content in files.items():
        path = workdir / name
        path.write_bytes(content)
        paths.append(path)
    return paths


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it is not inherited from
    the parent that forked it)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(case: str, workdir: Path, path: str) -> None:
    centre = _setup(workdir)
    baseline = _peak_rss_mb()
    started = time.perf_counter()
    try:
        result = _batch(centre, Path(path), [MUNICIPALITY] if case == "national-csv-gz" else [])
    except Exception as exc:  # refused at upload (the header could not be read)
        result = {"final_status": "refused at upload", "message": str(exc)[:120]}
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "case": case,
                "size_kib": Path(path).stat().st_size // 1024,
                "seconds": round(seconds, 2),
                "peak_rss_mb": round(_peak_rss_mb()),
                "rss_before_mb": round(baseline),
                **result,
            },
            ensure_ascii=False,
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--child")
    parser.add_argument("--workdir")
    parser.add_argument("--path")
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.workdir), args.path)
        return

    sys.path.insert(0, str(ROOT))
    from bench.register_files import national_rows, register_row, write_csv_gz, xlsx_bytes

    workdir = Path(tempfile.mkdtemp(prefix="frivillig-register-bench-"))
    started = time.perf_counter()
    national = write_csv_gz(workdir / "enheter_alle.csv.gz", national_rows(args.rows))
    generate_s = time.perf_counter() - started
    sheet = workdir / "enheter.xlsx"
    sheet.write_bytes(xlsx_bytes([register_row(n) for n in range(5_000)]))
    cases = [("xlsx-5000", str(sheet)), ("national-csv-gz", str(national))]
    cases += [(path.name, str(path)) for path in hostile_files(workdir)]
    results = []
    for case, path in cases:
        case_dir = workdir / f"run-{case}"
        case_dir.mkdir()
        command = [sys.executable, "-m", "bench.import_register", "--child", case]
        command += ["--workdir", str(case_dir), "--path", path]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode:
            results.append({"case": case, "error": done.stderr[-500:]})
        else:
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    meta = {
        "when": stamp,
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "national_rows": args.rows,
        "national_gz_mb": round(national.stat().st_size / 2**20, 1),
        "xlsx_mb": round(sheet.stat().st_size / 2**20, 1),
        "generate_national_s": round(generate_s, 1),
        "database": "SQLite (a fresh file per case)",
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"import-{stamp}.json").write_text(
        json.dumps({"meta": meta, "results": results}, indent=2, ensure_ascii=False)
    )
    lines = [
        f"# Import benchmark {stamp}",
        "",
        f"{meta['machine']}, {meta['cpus']} CPUs, Python {meta['python']}, {meta['database']}.",
        f"National file: {args.rows:,} rows, {meta['national_gz_mb']} MB gzipped; "
        f"spreadsheet: {meta['xlsx_mb']} MB. Peak RSS is the importing process's own "
        "(Django included). Targets: national file under 60 s and 300 MB; hostile files "
        "under 300 MB.",
        "",
        "| case | file (KiB) | seconds | peak RSS (MB) | RSS before (MB) | outcome |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for item in results:
        if "error" in item:
            outcome = item["error"][-100:].replace("\n", " ")
        elif item.get("final_status") == "done":
            outcome = (
                f"done: read {item.get('rows_read')}, kept {item.get('kept')}, "
                f"created {item.get('created')}, errors {item.get('errors')}"
            )
        else:
            outcome = f"{item.get('final_status')}: {item.get('message', '')}"
        lines.append(
            f"| {item['case']} | {item.get('size_kib', '–')} | {item.get('seconds', '–')} "
            f"| {item.get('peak_rss_mb', '–')} | {item.get('rss_before_mb', '–')} | {outcome} |"
        )
    (RESULTS / f"import-{stamp}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
