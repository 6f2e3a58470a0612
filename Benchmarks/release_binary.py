"""The release build of one of the project's executables, for the benchmark scripts beside this file."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def binary(name, variable):
    """$variable when set, else .build/release/NAME, built with `swift build -c release` when missing."""
    path = os.environ.get(variable) or os.path.join(ROOT, ".build/release", name)
    if not os.access(path, os.X_OK):
        subprocess.run(["swift", "build", "-c", "release", "--product", name], cwd=ROOT, check=True, stdout=sys.stderr)
    return path
