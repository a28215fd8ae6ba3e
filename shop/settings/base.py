"""Settings for Pasar Kriya, read from the environment.

With nothing set, the site runs on the embedded default: SQLite under var/,
Celery tasks in-process, database search, console email, media on local disk.
With DEBUG off nothing secret has a default: SECRET_KEY must be given.
"""
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F401,F403  Oscar's defaults, overridden below

from core.cache import cache_settings
from shop.csp import content_security_policy


def getaddresses_one(entry: str) -> tuple[str, str]:
    """("Name", "email") from "Name <email>" or a bare address, for ADMINS."""
    from email.utils import parseaddr

    name, address = parseaddr(entry)
    return (name or address, address)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the site refuses to start without "
            "a secret key: set SECRET_KEY in the environment (50+ random characters)."
        )
    # Only for a developer's machine with DEBUG on; never used in production.
    SECRET_KEY = "insecure-development-only-key-pasar-kriya-do-not-use-in-production"

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications -------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "core.apps.CoreConfig",  # the ground floor every app shares (core/__init__.py)
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shipping.apps.ShippingConfig",
    "catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "oscar.apps.order.apps.OrderConfig",
    "customer.apps.CustomerConfig",
    "search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "wishlists.apps.WishlistsConfig",
    "dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
    "axes",
    "curation.apps.CurationConfig",
    "artisans.apps.ArtisansConfig",
    "fulfilment.apps.FulfilmentConfig",
    "statements.apps.StatementsConfig",
    "payouts.apps.PayoutsConfig",
    "payments.apps.PaymentsConfig",
    "core.form_tokens.apps.FormTokensConfig",
    "core.outbox.apps.OutboxConfig",
    "demo.apps.DemoConfig",
]

SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.NulCharacterRefuseMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "shop.context_processors.marketplace",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "/accounts/login/"

# --- Database -----------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a request writes; the timeout rides out
    # short write contention instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE",
         "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # The shop's queries are short: PostgreSQL's JIT compiles for 20-30 ms to save
        # less than that (seen on the search's facet counts at 100,000 products). The
        # catalogue is read from memory or SSD, where a random read costs about what a
        # sequential one does: with the default 4 the planner scans whole tables where
        # an index finds the rows (search with facets: twice the time).
        options = DATABASES["default"].setdefault("OPTIONS", {})
        options["options"] = (
            f"{options.get('options', '')} -c jit=off -c random_page_cost=1.1".strip())
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# --- Cache --------------------------------------------------------------------
# On Redis (django-redis) a cache error is a miss, logged to "core.cache", and each
# call waits at most a fraction of a second: a Redis outage slows pages, never
# breaks them (core/cache.py).
CACHES = {"default": cache_settings(env.str("CACHE_URL", default="locmemcache://pasar-kriya"))}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "core.cache"

# --- Languages, time and money ------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

OSCAR_DEFAULT_CURRENCY = "IDR"
# Links in emails are the Site's domain with this scheme (Oscar's default is http).
OSCAR_URL_SCHEMA = env.str("OSCAR_URL_SCHEMA", default="http" if DEBUG else "https")
# Rupiah is written the Indonesian way in both languages: Rp 1.250.000.
OSCAR_CURRENCY_FORMAT = {
    "IDR": {"locale": "id_ID", "format": "¤\u00a0#,##0", "currency_digits": False},
}

# --- Static and media ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Django serves MEDIA_ROOT itself only with DEBUG on or this set (the browser tests);
# in production the web server or the object store does.
MEDIA_SERVED_BY_DJANGO = env.bool("MEDIA_SERVED_BY_DJANGO", default=False)
# Evidence, revision photos and photos of unpublished products: outside MEDIA_ROOT,
# handed out only by the checked view at /private-media/ (core.storages).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "core.storages.PrivateFileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# Media on S3-compatible object storage (MinIO in docker-compose) when a bucket is set.
MEDIA_S3_BUCKET = env.str("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "custom_domain": env.str("MEDIA_S3_PUBLIC_URL", default="").split("://")[-1] or None,
            "url_protocol": env.str("MEDIA_S3_PUBLIC_URL", default="https://").split("://")[0] + ":",
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    # Private files in a bucket of their own, with no anonymous access (the media
    # bucket is public as a whole): signed URLs that last a few minutes.
    STORAGES["private"] = {
        "BACKEND": "core.storages.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": env.str("MEDIA_S3_PRIVATE_BUCKET", default=f"{MEDIA_S3_BUCKET}-private"),
            "endpoint_url": env.str("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "browser_endpoint_url": env.str("MEDIA_S3_BROWSER_ENDPOINT_URL", default="") or None,
            "querystring_auth": True,
            "querystring_expire": env.int("MEDIA_S3_PRIVATE_URL_SECONDS", default=300),
            "signature_version": "s3v4",
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Email --------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Pasar Kriya <halo@pasarkriya.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# No broker: tasks run in-process, so the embedded default needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task is acknowledged when it ends (acks_late), so a worker killed mid-task leaves
# it unacked in Redis; Redis gives it to another worker once it has been unacked for
# visibility_timeout (kombu's default is an hour). A task waiting for its retry
# countdown is unacked all that time too, and one unacked longer than the timeout
# is handed out again and runs twice: so the timeout is longer than the longest
# retry countdown (16 min: the email tasks' fifth retry) plus a task's run (seconds).
# The socket timeouts keep a publish or an ack from waiting forever on a Redis that
# hangs (the outbox then tries again).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=20 * 60),
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
# A worker keeps trying to reach a broker that went away, however long it is gone
# (Celery's default gives up after 100 tries, about three quarters of an hour).
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="pasar-kriya")

# --- Curation -----------------------------------------------------------------
# How long a curator's claim on a submission holds before it lapses.
CURATION_CLAIM_HOURS = env.int("CURATION_CLAIM_HOURS", default=24)
# The council's target time from submission to decision (a region may set its own).
# An item past it is in the daily reminder; past it by a second period, it goes to
# the region's lead curator.
CURATION_TARGET_DAYS = env.int("CURATION_TARGET_DAYS", default=5)
# Hour of the day (Asia/Jakarta) the reminder of overdue items goes out.
CURATION_REMINDER_HOUR = env.int("CURATION_REMINDER_HOUR", default=7)

# --- Outbox (core/outbox) ---------------------------------------------------------
# Every side effect is a row written with the change that causes it; it is relayed to
# Celery after commit, and by this sweep when the broker did not take it then.
OUTBOX_SWEEP_SECONDS = env.int("OUTBOX_SWEEP_SECONDS", default=30)
# A task that fails (not the broker) is tried again after 10 s, 20 s, 40 s ... at most
# an hour apart, and parked with its error after this many tries.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=10)
OUTBOX_RETRY_FIRST_SECONDS = 10
OUTBOX_RETRY_MAX_SECONDS = 60 * 60
# While the broker does not answer, rows wait this long between tries (not counted).
OUTBOX_OUTAGE_RETRY_SECONDS = env.int("OUTBOX_OUTAGE_RETRY_SECONDS", default=15)
# Delivered rows are kept this long for staff to see, then deleted by the sweep.
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=14)

CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {
        "task": "core.outbox.tasks.outbox_sweep_task",
        "schedule": OUTBOX_SWEEP_SECONDS,
    },
    "curation-release-lapsed-claims": {
        "task": "curation.tasks.claims_release_lapsed_task",
        "schedule": 15 * 60,
    },
    # Each morning: curators hear of items past the target time; items overdue by a
    # second period go to the region's lead curator.
    "curation-remind-overdue": {
        "task": "curation.tasks.curation_overdue_remind_task",
        "schedule": crontab(minute=0, hour=CURATION_REMINDER_HOUR),
    },
    "curation-escalate-overdue": {
        "task": "curation.tasks.curation_overdue_escalate_task",
        "schedule": 60 * 60,
    },
    # Photos kept for a product form that came back with an error, never sent again.
    "catalogue-remove-expired-kept-photos": {
        "task": "catalogue.tasks.pending_photos_remove_expired_task",
        "schedule": 6 * 60 * 60,
    },
    # Webhook events stored but never applied (a task that gave up) are tried again.
    "stripe-requeue-unapplied-events": {
        "task": "payments.tasks.stripe_events_requeue_task",
        "schedule": 10 * 60,
    },
    # Unpaid bank-transfer orders give their stock back (see BANK_TRANSFER_DAYS).
    "payments-cancel-unpaid-orders": {
        "task": "payments.tasks.orders_cancel_unpaid_task",
        "schedule": 60 * 60,
    },
    # Lines shipped FULFILMENT_DELIVERED_AFTER_DAYS ago and not confirmed by the buyer.
    "fulfilment-mark-delivered": {
        "task": "fulfilment.tasks.lines_deliver_overdue_task",
        "schedule": 60 * 60,
    },
}

# --- Search -------------------------------------------------------------------
SEARCH_BACKEND = env.str("SEARCH_BACKEND", default="database")
if SEARCH_BACKEND not in ("database", "elasticsearch"):
    raise ImproperlyConfigured("SEARCH_BACKEND must be 'database' or 'elasticsearch'.")
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
if SEARCH_BACKEND == "elasticsearch" and not ELASTICSEARCH_URL:
    raise ImproperlyConfigured(
        "SEARCH_BACKEND=elasticsearch needs ELASTICSEARCH_URL "
        "(e.g. http://127.0.0.1:9200); set it or use SEARCH_BACKEND=database."
    )
# Seconds the storefront waits for Elasticsearch before answering from the database.
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=2.0)
# Circuit breaker: after this many failures in a row, each web process answers from
# the database at once for the cool-down (seconds), then lets one search try again.
ELASTICSEARCH_BREAKER_FAILURES = env.int("ELASTICSEARCH_BREAKER_FAILURES", default=3)
ELASTICSEARCH_BREAKER_COOLDOWN = env.float("ELASTICSEARCH_BREAKER_COOLDOWN", default=30.0)
# The alias searches go through; rebuilds fill "<alias>-<timestamp>" and swap it in.
ELASTICSEARCH_INDEX = env.str("ELASTICSEARCH_INDEX", default="pasar-kriya-products")
# Oscar's own search app needs a Haystack connection; the storefront's search and
# browse pages use our selectors instead (catalogue/selectors.py).
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

# --- Payments -----------------------------------------------------------------
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# The council's account buyers transfer to. The demo account is only a default
# while DEBUG is on: in production a missing value is an error, never a made-up account.
_DEMO_BANK = {"BANK_TRANSFER_BANK": "Bank Jatim", "BANK_TRANSFER_ACCOUNT_NUMBER": "0011-2233-44",
              "BANK_TRANSFER_ACCOUNT_NAME": "Dekranasda Pasar Kriya"}
_missing_bank = [name for name in _DEMO_BANK if not env.str(name, default="")]
if _missing_bank and not DEBUG:
    raise ImproperlyConfigured(
        f"{', '.join(_missing_bank)} not set: with DEBUG off the council's real bank "
        "account must be configured for bank-transfer payments."
    )
BANK_TRANSFER_ACCOUNT = {
    "bank": env.str("BANK_TRANSFER_BANK", default=_DEMO_BANK["BANK_TRANSFER_BANK"]),
    "account_number": env.str("BANK_TRANSFER_ACCOUNT_NUMBER",
                              default=_DEMO_BANK["BANK_TRANSFER_ACCOUNT_NUMBER"]),
    "account_name": env.str("BANK_TRANSFER_ACCOUNT_NAME",
                            default=_DEMO_BANK["BANK_TRANSFER_ACCOUNT_NAME"]),
}
# Days a buyer has to transfer before an unpaid order is cancelled.
BANK_TRANSFER_DAYS = env.int("BANK_TRANSFER_DAYS", default=2)
FLAT_RATE_SHIPPING_IDR = env.int("FLAT_RATE_SHIPPING_IDR", default=25000)
# Days after shipping a line counts as delivered when the buyer has not said so.
FULFILMENT_DELIVERED_AFTER_DAYS = env.int("FULFILMENT_DELIVERED_AFTER_DAYS", default=14)

# --- Oscar --------------------------------------------------------------------
OSCAR_SHOP_NAME = "Pasar Kriya"
OSCAR_SHOP_TAGLINE = _("Regional Indonesian crafts, curated by Dekranasda")
OSCAR_HOMEPAGE = "/"
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
# sorl, but never a (public) thumbnail of a private photo: catalogue.photo_storage.
OSCAR_THUMBNAILER = "catalogue.photo_storage.Thumbnailer"
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "line4", "state", "postcode", "country")
# Order and line statuses are stored as these English words and translated on display.
OSCAR_INITIAL_ORDER_STATUS = "Awaiting payment"
OSCAR_INITIAL_LINE_STATUS = "Awaiting payment"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Awaiting payment": ("Paid", "Cancelled"),
    # The order follows its lines (fulfilment.services._order_status_follow): Packed,
    # Shipped, Delivered once every line still to be sent is; Cancelled when none is
    # left to send; Refunded once every line is refunded.
    "Paid": ("Packed", "Shipped", "Delivered", "Cancelled", "Refunded"),
    "Packed": ("Shipped", "Delivered", "Cancelled", "Refunded"),
    "Shipped": ("Delivered", "Refunded"),
    "Delivered": ("Refunded",),
    "Cancelled": ("Refunded",),
    "Refunded": (),
}
OSCAR_LINE_STATUS_PIPELINE = {
    "Awaiting payment": ("Paid", "Cancelled"),
    "Paid": ("Packed", "Shipped", "Cancelled"),
    "Packed": ("Shipped", "Cancelled"),
    "Shipped": ("Delivered", "Refunded"),
    "Delivered": ("Refunded",),
    # A line that cannot be sent is cancelled, then refunded by the council.
    "Cancelled": ("Refunded",),
    "Refunded": (),
}
OSCAR_ORDER_STATUS_CASCADE = {"Paid": "Paid", "Cancelled": "Cancelled"}
PHONENUMBER_DEFAULT_REGION = "ID"
# The council's curation pages are ours, not an Oscar dashboard app, so each entry
# says who sees it (Oscar's default access check only knows its own apps' URLs).
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + [  # noqa: F405
    {
        "label": _("Curation"),
        "icon": "fas fa-clipboard-check",
        "children": [
            {
                "label": _("Curation queue"),
                "url_name": "curation-queue",
                "access_fn": lambda user, *args: user.is_superuser or hasattr(user, "curator"),
            },
            {
                "label": _("Curation criteria"),
                "url_name": "curation-criterion-list",
                "access_fn": lambda user, *args: user.is_staff,
            },
        ],
        "access_fn": lambda user, *args: user.is_staff,
    },
    {
        "label": _("Fulfilment"),
        "icon": "fas fa-truck",
        "children": [
            {"label": _("Lines to refund"), "url_name": "fulfilment-unable-lines",
             "access_fn": lambda user, *args: user.is_staff},
            {"label": _("Refunded lines"), "url_name": "fulfilment-refunded-lines",
             "access_fn": lambda user, *args: user.is_staff},
        ],
        "access_fn": lambda user, *args: user.is_staff,
    },
    {
        "label": _("Statements"),
        "icon": "fas fa-file-invoice",
        "children": [
            {"label": _("Artisan statements"), "url_name": "statements-summary",
             "access_fn": lambda user, *args: user.is_staff},
            {"label": _("Commission rates"), "url_name": "statements-rate-list",
             "access_fn": lambda user, *args: user.is_staff},
            {"label": _("Payouts"), "url_name": "payouts-balances",
             "access_fn": lambda user, *args: user.is_staff},
        ],
        "access_fn": lambda user, *args: user.is_staff,
    },
]

# --- Security -----------------------------------------------------------------
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
# Failed sign-ins are counted per email and client address together: ten wrong
# passwords lock that email from that address, never everyone behind one address
# (a reverse proxy, an office, a mobile carrier's NAT) nor the account everywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "core.security.sign_in_name"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip_address"
AXES_LOCKOUT_TEMPLATE = "oscar/customer/locked_out.html"
# How many reverse proxies of ours stand in front of the site (0: clients connect
# directly). Each appends to X-Forwarded-For; the client's address is read that many
# entries from the right, so a client cannot choose its own (core/security.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy on every response (shop/csp.py): scripts from our static
# files, Stripe and nonce-carrying inline blocks only; photos from here or the object
# store; no framing. Browsers report violations to /csp-report/, which logs them.
_media_urls = [env.str("MEDIA_S3_PUBLIC_URL", default=""),
               env.str("MEDIA_S3_ENDPOINT_URL", default=""),
               env.str("MEDIA_S3_BROWSER_ENDPOINT_URL", default="")]
if MEDIA_S3_BUCKET and not any(_media_urls[1:]):
    # Amazon S3 itself: the private bucket's signed URLs are on its own host.
    _media_urls.append("https://*.amazonaws.com")
CONTENT_SECURITY_POLICY = content_security_policy(media_urls=_media_urls,
                                                  report_uri="/csp-report/")

# --- Error reporting ----------------------------------------------------------
# With DEBUG off, an error page (500) is emailed to ADMINS ("Name <email>" or plain
# addresses, comma-separated) by Django's own handler; unset, nobody is emailed.
ADMINS = [getaddresses_one(entry) for entry in env.list("ADMINS", default=[])]
# Errors (web and Celery) also go to Sentry when SENTRY_DSN is set; off by default.
# No personal data is sent (no cookies, user emails or IP addresses).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN, environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        integrations=[DjangoIntegration(), CeleryIntegration()], send_default_pii=False,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    # A cache outage fails every cache call: one line a minute says so (core/cache.py).
    "filters": {"once_a_minute": {"()": "core.cache.OneRecordPerInterval", "seconds": 60}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"},
                "core.cache": {"filters": ["once_a_minute"]}},
}
