"""The planner's command line: ``python -m planner COMMAND ...``.

A thin layer over planner/: it parses arguments, calls the library, prints.
Errors go to stderr with exit status 1 (2 for a wrong command line).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from planner import backup, csv_export, demo, digest, journey, mail, report
from planner.calendar_export import calendar_bytes
from planner.due import due_list
from planner.errors import NotFound, ValidationError
from planner.interview_sheet import render
from planner.question_lint import lint
from planner.steps import contacts, home
from planner.store import (
    LOCAL_OWNER,
    PlannerInUse,
    PlannerUnavailable,
    database_target,
    open_database,
)
from planner.store.postgres import is_database_url, shown_url


def _add_db(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--db",
        type=Path,
        default=None,
        help="planner file (default: $PLANNER_DB, else data/planner.duckdb)",
    )
    where.add_argument(
        "--database-url",
        default=None,
        metavar="URL",
        help="a PostgreSQL database instead of a file: postgresql://user:password@host:port/"
        "name (default: $PLANNER_DATABASE_URL)",
    )


def _target(args: argparse.Namespace) -> str | Path:
    """The planner the command works on: --database-url, --db, else the environment's."""
    return getattr(args, "database_url", None) or getattr(args, "db", None) or database_target()


def _shown(target: str | Path) -> str:
    """Where a planner is, for a message (a database address without its password)."""
    return shown_url(str(target)) if is_database_url(target) else str(target)


def _place(text: str) -> str | Path:
    return text if is_database_url(text) else Path(text)


_BASE_HELP = (
    f"the app's address, for links (default: $PLANNER_BASE_URL, else {journey.DEFAULT_BASE})"
)


def _base(args: argparse.Namespace) -> str:
    return args.base or journey.app_base()


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-01-31: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m planner",
        description="Informational interview planner: command-line tools.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser(
        "demo",
        help="write the demo planner into a planner file",
        description="Write the demo planner (a realistic sample search) into a planner file, "
        "dated around today. Refuses a planner that holds data unless --replace is given.",
    )
    _add_db(p)
    p.add_argument("--replace", action="store_true", help="overwrite a planner that holds data")
    p.add_argument("--today", type=_date, default=None, help="date the sample around this day")

    p = commands.add_parser(
        "copy",
        help="copy a planner from one database to another (a file or PostgreSQL)",
        description="Copy the whole planner from one place to another: a DuckDB file or a "
        "PostgreSQL address (postgresql://...), either way round. The copy goes through the "
        "same checks as restoring a backup; the source is not changed. Refuses a target that "
        "holds data unless --replace is given.",
    )
    p.add_argument("--from", dest="source", required=True, metavar="FILE_OR_URL",
                   help="the planner to copy")  # fmt: skip
    p.add_argument("--to", dest="destination", required=True, metavar="FILE_OR_URL",
                   help="where the copy goes")  # fmt: skip
    p.add_argument("--replace", action="store_true", help="overwrite a target that holds data")

    p = commands.add_parser(
        "export",
        help="write a JSON backup of every table",
        description="Write a backup of the whole planner as one JSON file "
        "(format: docs/backup-format.md).",
    )
    _add_db(p)
    p.add_argument("-o", "--output", type=Path, required=True, help="backup file to write")

    p = commands.add_parser(
        "import",
        help="restore a JSON backup, all or nothing",
        description="Restore a backup made by 'export'. The whole file is checked first; on any "
        "problem nothing changes. Refuses a planner that holds data unless --replace is given.",
    )
    p.add_argument("file", type=Path, help="backup file to read")
    _add_db(p)
    p.add_argument("--replace", action="store_true", help="replace what the planner holds")
    p = commands.add_parser(
        "due",
        help="list what is waiting: thank-yous, follow-ups, reflections, actions, referrals...",
        description="What is waiting on you, thank-yous owed first: follow-ups due today or "
        "overdue (the 3B7 routine, in business days), conversations not yet reflected on, "
        "action items and keep-in-touch updates due, goals behind the pace their target date "
        "needs, meetings in the next 7 days and meetings ahead with no question planned; "
        "then what waits without a date: referrals never written to, action items without "
        "a due date and target organisations not scored yet. Each with its context and the "
        "page where it is done; --json gives kind, text, context, due_on (or null), page, "
        "link and query.",
    )
    _add_db(p)
    p.add_argument("--today", type=_date, default=None, help="list as if it were this day")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p = commands.add_parser(
        "lint",
        help="check interview questions for ones that would hurt the conversation",
        description="Read one question per line (from FILE, or standard input with -) and "
        "print each with its warnings. With --goal (and --db or --database-url), questions "
        "that ask what you "
        "already noted in your research for that goal are flagged too.",
    )
    p.add_argument("file", nargs="?", default="-", help="questions, one per line (- for stdin)")
    _add_db(p)  # the planner whose noted facts are read (only with --db, --database-url or --goal)
    p.add_argument("--goal", type=int, default=None, help="use the facts noted for this goal")
    p.add_argument("--json", action="store_true", help="print JSON lines instead of text")

    p = commands.add_parser(
        "calendar",
        help="write upcoming meetings to an .ics calendar file",
        description="Write every scheduled meeting from today on to one iCalendar file, "
        "with a reminder 30 minutes before each; import it into any calendar app.",
    )
    _add_db(p)
    p.add_argument("-o", "--output", type=Path, required=True, help=".ics file to write")
    p.add_argument("--today", type=_date, default=None, help="include meetings from this day")

    p = commands.add_parser(
        "interviews",
        help="list interviews with their ids and how far each plan is",
        description="List every interview that is not cancelled, upcoming first: its id (for "
        "'sheet'), when, with whom, and the questions planned.",
    )
    _add_db(p)

    p = commands.add_parser(
        "sheet",
        help="write the printable sheet for one interview (Markdown or HTML)",
        description="Write one interview's plan as a printable sheet: the introduction, the "
        "questions in order with their minutes, and room for notes. The format follows the "
        "file's ending (.html or .htm for HTML, anything else Markdown) unless --format says.",
    )
    _add_db(p)
    p.add_argument("--interview", type=int, required=True, help="the interview's id")
    p.add_argument("-o", "--output", type=Path, required=True, help="sheet file to write")
    p.add_argument("--format", choices=["md", "html"], default=None, help="md or html")

    p = commands.add_parser(
        "report",
        help="write the reflection report (Markdown, HTML or PDF)",
        description="Write the reflection report for one goal (--goal ID) or all goals, and "
        "for the conversations of a period (--since, --until): the goals and what you wanted "
        "to learn, a summary, the fit questions with the evidence, the most recent "
        "conversations in full (--in-full N) and the others in a table, skills you have and "
        "gaps, the action plan, whom to thank or update, and the Progress charts (drawn into "
        "HTML and PDF; nothing is fetched).",
    )
    _add_db(p)
    p.add_argument("--format", choices=list(report.FORMATS), required=True, help="md, html or pdf")
    p.add_argument("--goal", type=int, default=None, help="only this goal (ids: Goals page)")
    p.add_argument("--since", type=_date, default=None, help="conversations from this day")
    p.add_argument("--until", type=_date, default=None, help="conversations up to this day")
    p.add_argument(
        "--in-full",
        type=int,
        default=report.IN_FULL,
        metavar="N",
        help=f"the N most recent conversations in full (default {report.IN_FULL})",
    )
    p.add_argument("-o", "--output", type=Path, required=True, help="report file to write")
    p.add_argument("--today", type=_date, default=None, help="write it as of this day")

    p = commands.add_parser(
        "csv",
        help="write contacts, interviews or action items as spreadsheet-safe CSV",
        description="Write one table as CSV for a spreadsheet: UTF-8 with a byte order mark, "
        "labels rather than keys, and any cell a spreadsheet would run as a formula "
        "(starting with =, +, -, @, a tab or a carriage return) made plain text.",
    )
    _add_db(p)
    p.add_argument("--what", choices=list(csv_export.EXPORTS), required=True, help="which table")
    p.add_argument("-o", "--output", type=Path, required=True, help=".csv file to write")

    p = commands.add_parser(
        "digest",
        help="e-mail today's due list (for a daily cron job or timer)",
        description="Send what is due today or overdue (thank-yous, follow-ups, reflections, "
        "action items, keep-in-touch updates), the meetings of the coming week and a count "
        "of what waits without a date, each with a link to where it is done, as one e-mail "
        "(plain text and HTML). The mail server is --smtp HOST:PORT or PLANNER_SMTP_HOST and "
        "PLANNER_SMTP_PORT, with PLANNER_SMTP_USER and PLANNER_SMTP_PASSWORD when it needs a "
        "login; STARTTLS is used whenever the server offers it. Nothing is sent when nothing "
        "is due, unless --always.",
    )
    _add_db(p)
    p.add_argument("--to", required=True, help="the address to send it to")
    p.add_argument("--from", dest="sender", default=None,
                   help="the sender address (default: $PLANNER_SMTP_FROM, else --to)")  # fmt: skip
    p.add_argument("--smtp", default=None, help="mail server as HOST:PORT")
    p.add_argument("--today", type=_date, default=None, help="send as if it were this day")
    p.add_argument("--always", action="store_true", help="send even when nothing is due")
    p.add_argument("--base", default=None, help=_BASE_HELP)
    p.add_argument(
        "--feed",
        default=None,
        metavar="URL",
        help="read the due list from the running app's calendar feed (its address from Home "
        "or 'feed') instead of the planner file, which the app holds open",
    )
    p.add_argument("--dry-run", action="store_true", help="print the e-mail instead of sending")

    p = commands.add_parser(
        "feed",
        help="print the private address of your calendar feed",
        description="Print the address of the calendar feed the running app serves "
        "(meetings with their reminder, and everything due as all-day events, each linking "
        "back to its page), making the link the first time. Subscribe to it in a calendar "
        "app on this computer. --new-link replaces it: the old address stops working.",
    )
    _add_db(p)
    p.add_argument("--base", default=None, help=_BASE_HELP)
    p.add_argument("--new-link", action="store_true", help="make a new link; the old one stops")

    p = commands.add_parser(
        "vcard-export",
        help="write every contact to a .vcf file for your address book",
        description="Write every contact as a vCard 3.0 (name, organisation, role, email, "
        "phone, LinkedIn profile, tags and notes) to one .vcf file that Google Contacts, "
        "Apple Contacts, Outlook and phones import.",
    )
    _add_db(p)
    p.add_argument("-o", "--output", type=Path, required=True, help=".vcf file to write")

    p = commands.add_parser(
        "vcard-import",
        help="add the people of a .vcf file from your address book as contacts",
        description="Add every card of a vCard file (2.1, 3.0 or 4.0, as address books "
        "export them) as a contact, in one go. Anyone already in the planner or earlier in "
        "the file (same email, LinkedIn profile, or name and organisation) is skipped and "
        "named, so importing the same file twice adds nothing. A person's other emails and "
        "phones go in their notes; photos, postal addresses, birthdays, departments and other "
        "web addresses are left out.",
    )
    p.add_argument("file", type=Path, help=".vcf file to read")
    _add_db(p)
    return parser


def _lint(args: argparse.Namespace) -> None:
    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except OSError as error:
            raise backup.BackupError(f"Cannot read {args.file}: {error.strerror}.") from None
    facts: list[str] = []
    if args.db is not None or args.database_url or args.goal is not None:
        with open_database(_target(args)) as database:
            facts = database.session().notes.known_facts(goal_id=args.goal)
    for question in (line.strip() for line in text.splitlines()):
        if not question:
            continue
        warnings = lint(question, facts=facts)
        if args.json:
            found = [{"rule": w.rule, "message": w.message, "rewrite": w.rewrite} for w in warnings]
            print(json.dumps({"question": question, "warnings": found}, ensure_ascii=False))
        else:
            print(question)
            for w in warnings:
                print(f"  [{w.rule}] {w.message}" + (f" Try: {w.rewrite}" if w.rewrite else ""))
            if not warnings:
                print("  ok")


def _print_due(items: list, today: date, as_json: bool) -> None:
    if as_json:
        print(json.dumps([item.as_json() for item in items], ensure_ascii=False, indent=2))
        return
    if not items:
        print(f"Nothing is due on {today.isoformat()}.")
    for item in items:
        when = item.due_on.isoformat() if item.due_on is not None else "no date"
        page = item.destination()[0]
        print(f"{when:<10}  {item.text} [{page.capitalize()}]")
        for line in item.context:
            print(f"            {' '.join(line.split())}")


def _digest(args: argparse.Namespace, path: str | Path) -> None:
    today = args.today or date.today()
    base = _base(args)
    sender = args.sender or os.environ.get("PLANNER_SMTP_FROM", "")
    server = None if args.dry_run else mail.SmtpServer.configured(args.smtp)
    if args.feed:
        written = digest.from_feed(_fetch_feed(args.feed), today=today, home=_home_of(args.feed))
    else:
        try:
            with open_database(path) as database:
                written = digest.build(database.session(), today=today, base=base)
        except PlannerInUse as error:
            raise PlannerInUse(
                f"{error} While the app is running, give the digest your calendar feed's "
                "address instead: --feed URL (copy it on Home, under 'Get these reminders in "
                "your calendar')."
            ) from None
    email = digest.message(written, to=args.to, sender=sender)
    if not written.due and not args.always:
        print(f"Nothing is due on {today.isoformat()}; no e-mail sent.")
    elif server is None:
        print(email.as_string())
    else:
        mail.send(email, server)
        print(f"Sent the digest ({len(written.due)} due) to {args.to} via {server.where}.")


def _fetch_feed(url: str) -> bytes:
    """The calendar feed at ``url``, as served by the running app."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise digest.DigestError(
            f"The feed address {url!r} does not start with http:// or https://."
        )
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        raise digest.DigestError(
            f"The planner answered {error.code} for the feed address: is it the current link "
            "(Home, or 'python -m planner feed')?"
        ) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        where = _home_of(url)  # not the whole address: it holds the feed's secret token
        raise digest.DigestError(f"Cannot reach the planner at {where}: {reason}.") from None


def _home_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def _import_cards(file: Path, path: str | Path) -> None:
    try:
        data = file.read_bytes()
    except OSError as error:
        raise backup.BackupError(f"Cannot read {file}: {error.strerror}.") from None
    with open_database(path) as database:
        imported = contacts.import_cards(database.session(), data, today=date.today())
    skipped = len(imported.skipped) + len(imported.repeated)
    print(contacts.address_book_summary(len(imported.added), skipped))
    for line in contacts.import_notes(imported):
        print(f"  {line}")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        path = _target(args)
        if args.command == "import":
            try:
                text = args.file.read_bytes()
            except OSError as error:
                raise backup.BackupError(f"Cannot read {args.file}: {error.strerror}.") from None
            document = backup.parse(text)  # check before opening (or creating) the planner
            with open_database(path) as database:
                counts = backup.import_document(database.session(), document, replace=args.replace)
            print(f"Imported {args.file} into {_shown(path)}: {backup.describe_counts(counts)}.")
        elif args.command == "copy":
            source, destination = _place(args.source), _place(args.destination)
            if isinstance(source, Path) and not source.exists():
                raise PlannerUnavailable(
                    f"There is no planner file at {source}; nothing was copied."
                )
            with open_database(source) as database:
                document = backup.export_document(database.session(LOCAL_OWNER))
            if not any(table["rows"] for table in document["tables"].values()):
                raise backup.BackupError(
                    f"The planner at {_shown(source)} holds nothing; nothing was copied."
                )
            with open_database(destination) as database:
                counts = backup.import_document(
                    database.session(LOCAL_OWNER), document, replace=args.replace
                )
            print(
                f"Copied {_shown(source)} to {_shown(destination)}: "
                f"{backup.describe_counts(counts)}."
            )
        elif args.command == "export":
            with open_database(path) as database:
                text = backup.export_text(database.session())
            backup.write_file(text, args.output)
            print(f"Wrote a backup of {_shown(path)} to {args.output}.")
        elif args.command == "due":
            today = args.today or date.today()
            with open_database(path) as database:
                items = due_list(database.session(), today=today)
            _print_due(items, today, args.json)
        elif args.command == "lint":
            _lint(args)
        elif args.command == "calendar":
            since = datetime.combine(args.today or date.today(), datetime.min.time())
            with open_database(path) as database:
                entries = database.session().meetings.calendar_entries(since=since)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_bytes(calendar_bytes(entries, now=datetime.now(UTC)))
            print(f"Wrote {len(entries)} meeting(s) to {args.output}.")
        elif args.command == "interviews":
            with open_database(path) as database:
                listed = database.session().plans.overview()
            if not listed:
                print("No interviews yet: schedule one on the Contacts page.")
            for item in listed:
                planned = f"{item.questions} questions, {item.planned_minutes} min"
                print(f"{item.interview_id:>5}  {item.label()}  [{item.status}]  {planned}")
        elif args.command == "sheet":
            kind = args.format or (
                "html" if args.output.suffix.lower() in (".html", ".htm") else "md"
            )
            with open_database(path) as database:
                sheet = database.session().plans.sheet(args.interview)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(render(sheet, kind), encoding="utf-8")
            who = sheet.contact_name or "a deleted contact"
            print(f"Wrote the sheet for the interview with {who} to {args.output}.")
        elif args.command == "report":
            today = args.today or date.today()
            with open_database(path) as database:
                written = report.build(
                    database.session(),
                    today=today,
                    goal_id=args.goal,
                    since=args.since,
                    until=args.until,
                    in_full=args.in_full,
                )
                content = report.render(written, args.format)
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_bytes(content)
            print(f"Wrote the reflection report ({written.scope}) to {args.output}.")
        elif args.command == "csv":
            label, export = csv_export.EXPORTS[args.what]
            with open_database(path) as database:
                text = export(database.session())
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_bytes(csv_export.csv_bytes(text))
            print(f"Wrote the {label.replace('-', ' ')} of {_shown(path)} to {args.output}.")
        elif args.command == "feed":
            base = _base(args)
            with open_database(path) as database:
                store = database.session()
                link = "" if args.new_link else home.calendar_link(store, base=base)
                print(link or home.make_calendar_link(store, base=base))
        elif args.command == "digest":
            _digest(args, path)
        elif args.command == "vcard-export":
            with open_database(path) as database:
                content = contacts.address_book_file(database.session())
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_bytes(content)
            print(f"Wrote {content.count(b'BEGIN:VCARD')} contact(s) to {args.output}.")
        elif args.command == "vcard-import":
            _import_cards(args.file, path)
        elif args.command == "demo":
            with open_database(path) as database:
                counts = demo.load_demo(
                    database.session(), today=args.today or date.today(), replace=args.replace
                )
            print(f"Wrote the demo planner to {_shown(path)}: {backup.describe_counts(counts)}.")
    except (
        backup.BackupError,
        backup.PlannerNotEmpty,
        PlannerInUse,
        PlannerUnavailable,
        NotFound,
        report.ReportUnavailable,
        ValidationError,
        digest.DigestError,
        mail.MailError,
        OSError,
    ) as error:
        message = (
            " ".join(error.errors.values()) if isinstance(error, ValidationError) else str(error)
        )
        if isinstance(error, backup.PlannerNotEmpty):
            message += " To overwrite it, run again with --replace (export a backup of it first)."
        print(f"error: {message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
