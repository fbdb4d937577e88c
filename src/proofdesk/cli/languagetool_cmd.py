"""``proofdesk languagetool status|download``: what grammar checking will use, and getting LanguageTool.

``download`` is the only place ProofDesk fetches LanguageTool, and only when
asked: it uses language-tool-python's downloader (checksummed, size-limited),
with its progress bar on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

EXIT_OK, EXIT_UNAVAILABLE, EXIT_USAGE = 0, 1, 2
PROBE_TIMEOUT = 5.0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "languagetool",
        help="grammar checking with LanguageTool: status, download",
        description="Show what grammar checking will use, or download LanguageTool for local checking.",
    )
    sub = parser.add_subparsers(dest="lt_command", metavar="ACTION", title="actions")
    status = sub.add_parser(
        "status",
        help="say whether grammar checking is on, and with which LanguageTool",
        description="Show the LanguageTool grammar checks would use. Exit 0 if usable, 1 if grammar checking is off "
        "or the server does not answer. Sends no draft anywhere; a server URL is asked only for its languages.",
    )
    status.add_argument("--languagetool", default="auto", metavar="auto|off|URL", help="as for `check` (default auto)")
    status.add_argument("--style", type=Path, metavar="PATH", help="house style with `checks: {grammar: …}` settings")
    status.set_defaults(func=run_status)
    download = sub.add_parser(
        "download",
        help="download LanguageTool (about 250 MB) for checking on this computer",
        description="Download LanguageTool with language-tool-python's downloader into LTP_PATH "
        "(default ~/.cache/language_tool_python). Needs Java 17 or newer to run.",
    )
    download.add_argument(
        "--version",
        dest="lt_version",
        metavar="VERSION",
        help="a release such as 6.6 (default: language-tool-python's default)",
    )
    download.set_defaults(func=run_download)


def _options(style: Path | None) -> dict[str, object]:
    if style is None:
        return {}
    from proofdesk.core.config import load_style

    if not style.is_file():
        raise _usage(f"--style {style}: no such file")
    return dict(load_style(style, language=None, vale_config=None).options("grammar"))


def _usage(message: str) -> Exception:
    from proofdesk.cli.common import UsageError

    return UsageError(message)


def run_status(args: argparse.Namespace) -> int:
    from proofdesk.core.config import check_languagetool
    from proofdesk.core.languagetool import status_line
    from proofdesk.core.languagetool.backends import Kind, detect_java, download_dir, find_installation, plan
    from proofdesk.core.languagetool.client import Limits, LTClient, LTError
    from proofdesk.core.languagetool.service import parse_options

    mode = check_languagetool(args.languagetool)
    options, problems = parse_options(_options(args.style))
    for problem in problems:
        print(f"proofdesk: {problem}", file=sys.stderr)
    local = Path(options.local_path) if options.local_path else None
    inst = find_installation([local] if local else [])
    java = detect_java()
    print(f"Mode: {mode}")
    if inst is None:
        print(f"Local LanguageTool: none found (looked in {download_dir()}, LTP_PATH, LTP_JAR_DIR_PATH)")
    else:
        print(f"Local LanguageTool: {inst.version} in {inst.directory}")
    print(f"Java: {java.problem or f'{java.path} (Java {java.major})'}")
    p = plan(mode, public_opt_in=options.public_api, local_path=local)
    usable = p.kind is not Kind.OFF
    if p.kind in (Kind.REMOTE, Kind.PUBLIC):
        try:
            langs = LTClient(p.url, Limits(timeout=PROBE_TIMEOUT)).languages()
        except LTError as exc:
            print(f"Server: {exc.message}")
            usable = False
        else:
            print(f"Server: {p.url} answers, {len(langs)} languages")
    print(status_line(mode, public_opt_in=options.public_api, local_path=local))
    return EXIT_OK if usable else EXIT_UNAVAILABLE


def run_download(args: argparse.Namespace) -> int:
    import requests
    from language_tool_python.download_lt import LTP_DOWNLOAD_VERSION, LocalLanguageTool
    from language_tool_python.exceptions import PathError

    from proofdesk.core.languagetool.backends import detect_java, download_dir

    version = args.lt_version or LTP_DOWNLOAD_VERSION
    try:
        local = LocalLanguageTool.from_version_name(version)
    except ValueError:
        raise _usage(
            f"--version {version}: not a LanguageTool version (e.g. 6.6, or a snapshot date 20250101)"
        ) from None
    java = detect_java()
    if java.problem:
        print(f"proofdesk: note: {java.problem}; LanguageTool will not run until it is installed", file=sys.stderr)
    if any(v == local for v in local.get_installed_versions()):
        print(f"LanguageTool {version} is already installed in {download_dir()}")
        return EXIT_OK
    url = local.download_url
    print(f"Downloading LanguageTool {version} from {url} into {download_dir()}…", file=sys.stderr)
    try:
        if java.problem:
            # language-tool-python refuses to download without a suitable Java; say why in our words.
            raise _usage(f"cannot download LanguageTool {version}: {java.problem}")
        local.download()
    except requests.exceptions.RequestException as exc:
        host = urlsplit(url).hostname or url
        print(
            f"proofdesk: cannot download LanguageTool {version}: no connection to {host} ({_reason(exc)}). "
            "Check the network or proxy and try again; nothing was installed.",
            file=sys.stderr,
        )
        return EXIT_UNAVAILABLE
    except (TimeoutError, PathError, OSError) as exc:
        print(f"proofdesk: cannot download LanguageTool {version}: {exc}; nothing was installed.", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except (SystemError, ModuleNotFoundError) as exc:  # language-tool-python's Java checks
        print(f"proofdesk: cannot download LanguageTool {version}: {exc}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    print(f"LanguageTool {version} installed in {download_dir()}; `proofdesk check` now uses it (--languagetool auto).")
    return EXIT_OK


def _reason(exc: BaseException) -> str:
    # requests nests the useful part (name resolution, refused, unreachable) a few causes deep.
    seen: BaseException | None = exc
    last = str(exc)
    while seen is not None:
        text = str(seen)
        for marker in (
            "Name or service not known",
            "Temporary failure in name resolution",
            "Network is unreachable",
            "Connection refused",
            "timed out",
            "No route to host",
        ):
            if marker in text:
                return marker.lower()
        last = text or last
        seen = (
            seen.__cause__
            or seen.__context__
            or (seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None)
        )
    return last[:160]
