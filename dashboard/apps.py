import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    """Oscar's dashboard, forked so that Oscar loads dashboard.* classes from here."""

    name = "dashboard"
