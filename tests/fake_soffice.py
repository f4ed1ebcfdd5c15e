"""A stand-in for LibreOffice's ``soffice --convert-to pdf``, to test the worker pool's
supervision without LibreOffice's seconds per start.

Behaviour by document name: ``hang*`` never finishes; ``crash*`` kills the converter;
``flaky*`` crashes the first time and converts the second; ``bad*`` is skipped (no PDF,
exit 0, as LibreOffice does with a file it cannot open); ``junk*`` writes a non-PDF; any other
gets a small valid PDF. Like ``soffice``, it starts a child process (``soffice.bin``); both
pids are appended to ``$FAKE_SOFFICE_STATE/pids``, and each start to ``.../starts``.
``$FAKE_SOFFICE_BROKEN`` makes every start fail at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def main(arguments: list[str]) -> int:
    state = Path(os.environ["FAKE_SOFFICE_STATE"])
    with (state / "starts").open("a") as starts:
        starts.write(" ".join(arguments) + "\n")
    if os.environ.get("FAKE_SOFFICE_BROKEN"):
        return 81
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    with (state / "pids").open("a") as pids:
        pids.write(f"{os.getpid()}\n{child.pid}\n")
    output = Path(arguments[arguments.index("--outdir") + 1])
    sources = [Path(argument) for argument in arguments if argument.endswith(".docx")]
    for source in sources:
        name = source.stem
        if name.startswith("hang"):
            time.sleep(600)
        if name.startswith("crash"):
            os._exit(3)
        if name.startswith("flaky"):
            marker = state / f"{name}.seen"
            if not marker.exists():
                marker.touch()
                os._exit(3)
        if name.startswith("bad"):
            continue
        content = b"not a pdf" if name.startswith("junk") else PDF
        (output / f"{name}.pdf").write_bytes(content)
    child.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
