"""Command-line front for the benchmark: ``handbook bench``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from trp_handbook.bench.run import MEASUREMENTS, run_benchmark
from trp_handbook.cli.main import add_format_option, command


@command("bench", "measure the build against the alternatives and check the performance budget (takes minutes)")
def _configure_bench(parser: argparse.ArgumentParser):
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is kept (default 3)")
    parser.add_argument("--skip", default="", help=f"comma-separated measurements to skip: {', '.join(MEASUREMENTS)}")
    parser.add_argument("--json-out", type=Path, default=None, metavar="FILE",
                        help="also write the results (medians, ratios, budget) as JSON to FILE")
    add_format_option(parser)

    def run(args: argparse.Namespace) -> int:
        skip = tuple(s.strip() for s in args.skip.split(",") if s.strip())
        quiet = args.format == "json"
        results = run_benchmark(args.repeat, skip, log=(lambda _: None) if quiet else print)
        if args.json_out is not None:
            args.json_out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        if quiet:
            print(json.dumps(results, indent=2, sort_keys=True))
        else:
            print("\n| rule | measured | limit | met |\n|---|---|---|---|")
            for row in results["budget"]:
                met = {True: "yes", False: "NO", None: "not measured"}[row["met"]]
                print(f"| {row['rule']} | {row['value']} | {row['limit']} | {met} |")
        return 1 if any(row["met"] is False for row in results["budget"]) else 0

    return run
