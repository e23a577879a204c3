"""Every crawl setting in one place; the command line only maps its flags onto these names.

Scrapy reads this module as the project settings; govaudit's own knobs are the GOVAUDIT_* names."""

BOT_NAME = "govaudit"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

USER_AGENT = "govaudit/0.1 (+accessibility and information-service audit; Scrapy)"
ROBOTSTXT_OBEY = True

# Politeness: real agency sites set the pace; every agency is its own crawler, so these are per site.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 10.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# A link that takes longer than this is broken for a citizen too.
DOWNLOAD_TIMEOUT = 20
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# A failure that exhausted its retries is a finding in the report, not an error in the log.
RETRY_GIVE_UP_LOG_LEVEL = "INFO"
REDIRECT_MAX_TIMES = 10
METAREFRESH_ENABLED = True

# Every status reaches the spider: a 404 is a result to record, not an error to drop.
HTTPERROR_ALLOW_ALL = True

COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "WARNING"
DEPTH_PRIORITY = 1  # breadth first: shallow pages matter most when a budget cuts the crawl
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"

HTTPCACHE_ENABLED = False
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 0

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
    # Above every built-in (HttpCache is 900): sees each response as served, before decoding and redirects.
    "crawler.warc.WarcRecorder": 950,
}
SPIDER_MIDDLEWARES = {}
ITEM_PIPELINES = {"crawler.pipelines.StorePipeline": 300}
EXTENSIONS = {"crawler.extensions.AgencyProgress": 500}

# govaudit's own settings.
GOVAUDIT_DB = "govaudit.sqlite"
GOVAUDIT_MAX_PAGES = 2000          # HTML pages followed per agency
GOVAUDIT_MAX_CHECKS = 10000        # references checked (not followed) per agency
GOVAUDIT_MAX_SECONDS = 3600        # wall-clock budget per agency
GOVAUDIT_CHECK_OBEYS_ROBOTS = False  # checking one URL is what a reader's click does
GOVAUDIT_RETRY_AFTER_MAX = 30.0    # longest Retry-After the crawler honours, in seconds
GOVAUDIT_STALE_DAYS = 365
GOVAUDIT_STORE_BATCH = 200         # records written per transaction
GOVAUDIT_FOLLOW_SITEMAPS = True
GOVAUDIT_RULESET = "110.07"         # 網站無障礙規範 version; the runner sets the one in force on --as-of
GOVAUDIT_AXE_PAGES = 20            # pages audited in Chromium per agency (homepage + one per template first)
GOVAUDIT_BROWSER_WORKERS = 2
GOVAUDIT_BROWSER_PAGE_TIMEOUT = 30.0
GOVAUDIT_SEARCH_QUERIES: list[str] = []  # site-search probe words; empty: the agency's own frequent words
GOVAUDIT_WARC = True               # archive every response in DB_DIR/warc/run-N/<agency>.warc.gz
GOVAUDIT_WARC_REQUESTS = True      # also a request record per response (small; shows what was asked)
GOVAUDIT_RUN_SETTINGS: dict = {}   # the run's recorded settings; the runner fills it for the warcinfo record
GOVAUDIT_KEEP_RUNS = 30            # runs kept in full; older finished runs keep findings and summaries only
