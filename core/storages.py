"""The private storage: files only a checked view hands out (settings.STORAGES["private"]).

Evidence photos, the photos of pending revisions and the photos of products that
are not published are kept here. On local disk it is a folder outside MEDIA_ROOT
(PRIVATE_MEDIA_ROOT) that no URL route serves; on S3 a bucket without public
access. Either way a file's url() is the address of the checked view
(curation.private_files), which decides who may have it and then sends the file
(local disk) or redirects to a short-lived signed URL (S3).
"""
from functools import cached_property

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.encoding import filepath_to_uri

#: Where the checked view answers (shop.urls). Not MEDIA_URL: nothing static serves it.
PRIVATE_MEDIA_URL = "/private-media/"


def private_storage():
    """The private storage; a callable, so that model fields follow the settings."""
    return storages["private"]


def private_url(name: str) -> str:
    """The checked view's address of a file in the private storage."""
    return PRIVATE_MEDIA_URL + filepath_to_uri(name).lstrip("/")


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT; their URLs are the checked view's."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":  # tests give each test a folder of its own
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def is_private_name(self, name: str) -> bool:
        return True

    def url(self, name):
        return private_url(name)


try:  # pragma: no branch - django-storages is in requirements.txt
    from storages.backends.s3 import S3Storage
    from storages.utils import clean_name
except ImportError:  # pragma: no cover
    S3Storage = None
else:

    class PrivateS3Storage(S3Storage):
        """A bucket without public access; the checked view redirects to a signed URL.

        `browser_endpoint_url` is the S3 endpoint as browsers reach it, when it is
        not the one the site uses (MinIO in docker-compose: http://minio:9000 inside,
        http://localhost:9000 outside); a signed URL is only good for the host it
        was signed for.
        """

        def get_default_settings(self):
            return {**super().get_default_settings(), "browser_endpoint_url": None}

        def is_private_name(self, name: str) -> bool:
            return True

        def url(self, name, parameters=None, expire=None, http_method=None):
            return private_url(name)

        def signed_url(self, name: str) -> str:
            """A GET URL of the file, signed and valid for querystring_expire seconds."""
            if not self.browser_endpoint_url:
                return super().url(name)
            client = self._create_session().client(
                "s3", region_name=self.region_name, use_ssl=self.use_ssl,
                endpoint_url=self.browser_endpoint_url, config=self.client_config,
                verify=self.verify,
            )
            return client.generate_presigned_url(
                "get_object",
                Params={"Bucket": self.bucket_name,
                        "Key": self._normalize_name(clean_name(name))},
                ExpiresIn=self.querystring_expire,
            )
