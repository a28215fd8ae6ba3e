"""The demo's logins, with known passwords (listed in the README).

Oscar signs people in by email, so every account has its own email address.
A password is hashed once and its hash shared by every account that uses it:
these are throwaway demo accounts, and hashing thirty times would take seconds.
"""
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from demo.places import ARTISANS, REGIONS, DemoRegion

ADMIN_PASSWORD = "kriya-admin-2026"
CURATOR_PASSWORD = "kriya-kurator-2026"
ARTISAN_PASSWORD = "kriya-perajin-2026"
BUYER_PASSWORD = "kriya-pembeli-2026"


@dataclass(frozen=True)
class DemoAccount:
    role: str  # admin, curator, artisan, buyer
    username: str
    email: str
    password: str
    full_name: str
    key: str = ""  # region key of a curator, artisan slug of an artisan


def curator_username(region: DemoRegion) -> str:
    return f"kurator-{region.key}"


def _accounts() -> tuple[DemoAccount, ...]:
    admin = DemoAccount("admin", "admin", "admin@pasarkriya.id", ADMIN_PASSWORD,
                        "Admin Dekranasda")
    curators = tuple(
        DemoAccount("curator", curator_username(region),
                    f"kurator.{region.key}@pasarkriya.id", CURATOR_PASSWORD,
                    region.curator, region.key)
        for region in REGIONS
    )
    artisans = tuple(
        DemoAccount("artisan", artisan.slug, f"{artisan.slug}@perajin.pasarkriya.id",
                    ARTISAN_PASSWORD, artisan.owner, artisan.slug)
        for artisan in ARTISANS
    )
    buyer = DemoAccount("buyer", "pembeli", "pembeli@pasarkriya.id", BUYER_PASSWORD,
                        "Putri Maharani")
    return (admin, *curators, *artisans, buyer)


#: Every demo login: one admin, one curator per region, one per artisan, one buyer.
DEMO_ACCOUNTS: tuple[DemoAccount, ...] = _accounts()


def demo_users_create() -> dict[str, object]:
    """Create every demo login; returns the users by username.

    The admin is a superuser and staff; the others are ordinary users.
    Raises IntegrityError if one of the usernames is taken.
    """
    User = get_user_model()
    hashes = {password: make_password(password)
              for password in {account.password for account in DEMO_ACCOUNTS}}
    users = [_user(User, account, hashes[account.password]) for account in DEMO_ACCOUNTS]
    User.objects.bulk_create(users)
    return {user.username: user for user in User.objects.filter(
        username__in=[account.username for account in DEMO_ACCOUNTS])}


def _user(User, account: DemoAccount, password_hash: str):
    first_name, _space, last_name = account.full_name.partition(" ")
    is_admin = account.role == "admin"
    return User(
        username=account.username, email=account.email, password=password_hash,
        first_name=first_name, last_name=last_name,
        is_staff=is_admin, is_superuser=is_admin, is_active=True,
    )
