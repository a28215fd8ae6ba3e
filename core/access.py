"""Who may open a page: mixins every app's views share."""
from django.contrib.auth.mixins import UserPassesTestMixin


class StaffRequiredMixin(UserPassesTestMixin):
    """The council admin: staff users (who also reach Oscar's dashboard).

    Anyone else is sent to log in, or answered 403 once logged in.
    """

    def test_func(self) -> bool:
        return self.request.user.is_staff
