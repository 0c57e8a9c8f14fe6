#!/usr/bin/env python3
"""Check (and, as root, install) the Debian/Ubuntu packages the build or the tests need.

Usage: system_deps.py build|test|check PACKAGE...

Standard library only: it runs before the project's virtual environment exists.
Exit 0 when everything is present (or was installed), 1 with the exact
`apt-get install` line to run when something is missing and we are not root.
"""
import os
import shutil
import subprocess
import sys


def installed(package: str) -> bool:
    if shutil.which("dpkg-query") is None:
        return True  # not Debian-like: cannot tell, let the build say what fails
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
    )
    return "install ok installed" in out.stdout


#: Packages that another install may provide as well: a program on PATH will do.
PROGRAMS = {"default-jre-headless": "java", "chromium": "chromium", "nodejs": "node", "npm": "npm"}


def present(package: str) -> bool:
    if package in PROGRAMS and shutil.which(PROGRAMS[package]) is not None:
        return True
    if package == "python3-venv":
        # what Debian's package adds to its Python; another Python (pyenv, python.org) has it built in
        import importlib.util

        return importlib.util.find_spec("ensurepip") is not None or installed(package)
    return installed(package)


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("build", "test", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    missing = [p for p in argv[1:] if not present(p)]
    if not missing:
        return 0
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"installing system packages for the {argv[0]}: {' '.join(missing)}", file=sys.stderr)
        subprocess.run(["apt-get", "update", "-q"], check=False)
        return subprocess.run(command).returncode
    print(
        f"missing system packages for the {argv[0]}: {' '.join(missing)}\n"
        f"install them with:  sudo {' '.join(command)}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
