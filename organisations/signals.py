"""Security events of logging in, for the security log (core.audit) to record.

Sent with ``request`` (may be None) and ``user``; the receivers live with the log, so this app
does not depend on it.
"""

from django.dispatch import Signal

# a second factor passed at log-in: device (TOTP, passkey or recovery code)
second_factor_verified = Signal()
# a wrong code at log-in (django-otp throttles further attempts per device)
second_factor_failed = Signal()
# an authenticator app was enrolled: device
second_factor_enrolled = Signal()
# new recovery codes were made (the old ones stop working): count
recovery_codes_created = Signal()
# a beheerder removed every second factor of a user: actor, reason
second_factor_reset = Signal()
# every session of a user was ended: reason ("password_changed", "second_factor_reset"), count
sessions_ended = Signal()
# a session ended by itself: reason ("idle", "absolute")
session_expired = Signal()
