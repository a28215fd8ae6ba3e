"""Settings for the test suite: fast hashing, email kept in memory."""
from .base import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "test-media"))  # noqa: F405
# The browser tests load product photos from the live server, as nginx would serve them.
MEDIA_SERVED_BY_DJANGO = True
PRIVATE_MEDIA_ROOT = env.path(  # noqa: F405
    "PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "test-private-media")  # noqa: F405
)
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
