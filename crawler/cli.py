"""The `govaudit` command: run, demo, report, history, diff, verify.

Flags map onto the settings in crawler/settings.py; bad input ends with a clear message and exit code 2."""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from crawler.agencies import AgencyFileError, load_agencies, select_agencies

EXIT_USAGE = 2
DEMO_PORT = 8461  # an unassigned port; the refused-connection trap takes the next one


def _as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--as-of 需為 YYYY-MM-DD 格式，收到 {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"需為正整數，收到 {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"需為正整數，收到 {text!r}")
    return value


def _non_negative(text: str) -> int:
    return 0 if text.strip() == "0" else _positive(text)


def _axe_pages(text: str) -> int | None:
    return None if text == "all" else _positive(text)


def _add_crawl_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("govaudit-report"), help="報告輸出資料夾")
    parser.add_argument("--db", type=Path, default=None, help="SQLite 資料庫路徑（預設 OUT/govaudit.sqlite）")
    parser.add_argument("--max-pages", type=_positive, default=None, help="每個機關最多爬取的頁面數")
    parser.add_argument("--max-seconds", type=_positive, default=None, help="每個機關的爬取時間上限（秒）")
    parser.add_argument("--timeout", type=float, default=None, help="單一請求逾時秒數（預設 20）")
    parser.add_argument("--as-of", type=_as_of, default=None, help="檢核基準日 YYYY-MM-DD（預設今天）")
    parser.add_argument("--stale-days", type=_positive, default=None, help="頁面逾期未更新的天數門檻（預設 365）")
    parser.add_argument("--no-browser", action="store_true", help="略過需要 Chromium 的檢核")
    parser.add_argument("--axe-pages", type=_axe_pages, default=20, metavar="N|all",
                        help="每個機關以 Chromium/axe-core 檢測的頁數（預設 20；all 為全部頁面）")
    parser.add_argument("--browser-workers", type=_positive, default=None, help="同時運作的瀏覽器數（預設 2）")
    parser.add_argument("--http-cache", action="store_true", help="啟用 Scrapy HTTP 快取（開發用）")
    parser.add_argument("--ignore-robots", action="store_true", help="不遵守 robots.txt（需機關同意）")
    parser.add_argument("--no-warc", action="store_true", help="不將回應存入 WARC 證據檔（預設存於資料庫旁 warc/）")
    parser.add_argument("--keep-runs", type=_non_negative, default=None, metavar="N",
                        help="保留完整資料的最近執行次數（預設 30；較舊者僅留摘要與問題清單；0 為全部保留）")
    _add_lang_flag(parser)


def _add_lang_flag(parser: argparse.ArgumentParser) -> None:
    from reports.i18n import DEFAULT_LANG, LANGS

    parser.add_argument("--lang", default=DEFAULT_LANG, choices=LANGS, help="報告語言（zh-TW 或 en）")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govaudit", description="政府網站資訊流通服務指標自動檢核")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="爬取並檢核 agencies.csv 中的機關")
    run.add_argument("--agencies", type=Path, default=Path("agencies.csv"), help="機關清單 CSV")
    run.add_argument("--agency", action="append", default=[], metavar="ID", help="只檢核此機關（可重複）")
    _add_crawl_flags(run)

    demo = commands.add_parser("demo", help="在 127.0.0.1 提供內建示範網站並檢核它")
    _add_crawl_flags(demo)
    # A fixed port keeps the demo's URLs, and so its finding ids, the same from one demo run to the next.
    demo.add_argument("--port", type=int, default=DEMO_PORT,
                      help=f"示範網站使用的連接埠（預設 {DEMO_PORT}；被占用時改用空閒連接埠；0 為任意）")
    demo.add_argument("--revision", type=int, choices=(1, 2), default=1,
                      help="示範網站版本：2 為「隔日」版（修好一個連結、刪除一頁、新增一類公開資訊）")

    report = commands.add_parser("report", help="由資料庫重新產生某次執行的報告（不重新爬取）")
    report.add_argument("--run", type=_positive, default=None, help="執行編號（預設最新一次）")
    report.add_argument("--db", type=Path, required=True)
    report.add_argument("--out", type=Path, required=True)
    _add_lang_flag(report)

    history = commands.add_parser("history", help="列出資料庫中的所有執行")
    history.add_argument("--db", type=Path, required=True)

    diff = commands.add_parser("diff", help="比較兩次執行：新增、已修正、持續存在的問題")
    diff.add_argument("run_a", type=_positive, metavar="RUN_A")
    diff.add_argument("run_b", type=_positive, metavar="RUN_B")
    diff.add_argument("--db", type=Path, required=True)

    verify = commands.add_parser("verify", help="以 WARC 證據檔驗證 findings.json 中各頁面的 SHA-256")
    verify.add_argument("warc", type=Path, metavar="WARC")
    verify.add_argument("findings", type=Path, metavar="FINDINGS_JSON")
    return parser


def _run_options(args: argparse.Namespace):
    from crawler.runner import RunOptions

    out = args.out
    return RunOptions(
        out_dir=out, db_path=args.db or out / "govaudit.sqlite", as_of=args.as_of or date.today(),
        max_pages=args.max_pages, max_seconds=args.max_seconds, timeout=args.timeout,
        browser=not args.no_browser, http_cache=args.http_cache, obey_robots=not args.ignore_robots,
        lang=args.lang, axe_pages=args.axe_pages, browser_workers=args.browser_workers,
        warc=not args.no_warc, keep_runs=args.keep_runs,
        extra_settings={"GOVAUDIT_STALE_DAYS": args.stale_days} if args.stale_days else {},
    )


def command_run(args: argparse.Namespace) -> int:
    from crawler.runner import execute

    try:
        agencies = select_agencies(load_agencies(args.agencies), args.agency) if args.agency \
            else load_agencies(args.agencies)
    except (AgencyFileError, OSError) as exc:
        print(f"govaudit: {exc}", file=sys.stderr)
        return EXIT_USAGE
    options = _run_options(args)
    run_id = execute(agencies, options)
    print(f"執行 {run_id} 完成。總覽：{(options.out_dir / 'index.html').resolve()}")
    return 0


def command_demo(args: argparse.Namespace) -> int:
    from crawler.agencies import Agency
    from crawler.runner import execute
    from demosite.server import serve_demo
    from demosite.site import DEMO_AS_OF

    options = _run_options(args)
    options.as_of = args.as_of or DEMO_AS_OF  # the demo's planted dates are relative to this day
    if args.timeout is None:
        options.timeout = 3.0
    with serve_demo(port=args.port, revision=args.revision) as site:
        print(f"示範網站：{site.start_url}、{site.second.start_url}", file=sys.stderr)
        agencies = [Agency(id="demo", name="新竹市示範局", group="1", url=site.start_url),
                    Agency(id="demo2", name="新竹市示範所", group="2", url=site.second.start_url)]
        run_id = execute(agencies, options)
    print(f"執行 {run_id} 完成。示範報告：")
    for agency in agencies:
        print(f"  {agency.name}：{(options.out_dir / agency.id / 'report.html').resolve()}")
    print(f"總覽：{(options.out_dir / 'index.html').resolve()}")
    return 0


class UsageProblem(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


@contextmanager
def _open_store(path: Path, *run_ids: int):
    """The store at path, checked to exist and to hold the given runs."""
    from crawler.store import Store

    if not path.exists():
        raise UsageProblem(f"找不到資料庫 {path}")
    store = Store(path)
    try:
        for run_id in run_ids:
            try:
                store.run(run_id)
            except KeyError as exc:
                raise UsageProblem(exc.args[0]) from None
        yield store
    finally:
        store.close()


def command_report(args: argparse.Namespace) -> int:
    from reports.build import render_run

    with _open_store(args.db) as store:
        runs = store.runs()
        if not runs:
            raise UsageProblem("資料庫中沒有任何執行")
        run_id = args.run or runs[-1].id
        if run_id not in {run.id for run in runs}:
            raise UsageProblem(f"no run {run_id} in {args.db}")
        pruned = store.run(run_id).summarised_at
        if pruned:
            raise UsageProblem(f"執行 {run_id} 的逐頁資料與 WARC 已於 {pruned} 依保留設定（--keep-runs）刪除，"
                               "無法重新產生報告；其問題清單與摘要仍在，可用 govaudit history／diff 查詢。")
        render_run(store, run_id, args.out, lang=args.lang)
    print(f"已重新產生執行 {run_id} 的報告：{(args.out / 'index.html').resolve()}")
    return 0


def command_history(args: argparse.Namespace) -> int:
    with _open_store(args.db) as store:
        print(f"{'run':>5}  {'status':<12} {'as_of':<10}  {'started_at (UTC)':<25} agencies")
        for run in store.runs():
            states: dict[str, int] = {}
            for agency in store.run_agencies(run.id):
                states[agency.status] = states.get(agency.status, 0) + 1
            text = ", ".join(f"{k} {v}" for k, v in sorted(states.items()))
            detail = "  [summarised]" if run.summarised_at else ""
            print(f"{run.id:>5}  {run.status:<12} {run.as_of:<10}  {run.started_at:<25} {text}{detail}")
    return 0


def command_diff(args: argparse.Namespace) -> int:
    from reports.diff import diff_runs, format_diff

    with _open_store(args.db, args.run_a, args.run_b) as store:
        print(format_diff(diff_runs(store, args.run_a, args.run_b), args.run_a, args.run_b))
    return 0


def command_verify(args: argparse.Namespace) -> int:
    from crawler.warc_verify import verify

    for path in (args.warc, args.findings):
        if not path.exists():
            raise UsageProblem(f"找不到 {path}")
    result = verify(args.warc, args.findings)
    for problem in result.problems:
        print(f"不符：{problem}")
    print(f"{result.matched} 筆問題的頁面雜湊與 {args.warc.name} 的紀錄相符，{len(result.problems)} 筆不符"
          f"{f'，{result.other_files} 筆引用其他 WARC 檔' if result.other_files else ''}。")
    return 1 if result.problems or not result.matched else 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = {"run": command_run, "demo": command_demo, "report": command_report,
               "history": command_history, "diff": command_diff, "verify": command_verify}[args.command]
    try:
        return handler(args)
    except UsageProblem as problem:
        print(f"govaudit: {problem}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
