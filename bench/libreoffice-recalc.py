"""Times LibreOffice's load and full recalculation of a workbook, for bench/workbook.bench.ts.

    /usr/bin/python3 bench/libreoffice-recalc.py BOOK.xlsx PROFILE_DIR

Starts soffice headless on a fresh profile (PROFILE_DIR, which the caller prepared and removes), listening on
a pipe; connects through UNO (Debian's python3-uno); loads the workbook hidden and times it; then times
`calculateAll()` — every formula computed again, the recalculation alone — and prints both as JSON
({"loadMs": …, "calculateAllMs": …}). The profile's recalculation mode decides whether the load computes
the formulas too (the caller says which it set).
"""

import json
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    book, profile = sys.argv[1], sys.argv[2]
    pipe = "workbook-bench-" + uuid.uuid4().hex
    soffice = os.environ.get("SOFFICE", "soffice")
    office = subprocess.Popen(
        [
            soffice,
            "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        for _ in range(300):
            try:
                context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.1)
        if context is None:
            raise RuntimeError("soffice did not accept a connection")
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        url = uno.systemPathToFileUrl(os.path.abspath(book))
        started = time.perf_counter()
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        loaded = time.perf_counter()
        doc.calculateAll()
        calculated = time.perf_counter()
        print(json.dumps({"loadMs": (loaded - started) * 1000, "calculateAllMs": (calculated - loaded) * 1000}))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with the office
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
