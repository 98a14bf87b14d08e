"""Signing in (issue 6, item 1): a password and then a code from an authenticator app
(TOTP), or single sign-on with Microsoft Entra ID; lockout after repeated failures;
sessions that end when idle and after a fixed time.

A person is signed in (django.contrib.auth.login) only once both factors are right:
until then the session holds a short-lived "pending" note (flow.py). So every signed-in
session, the admin site's included, has passed the second factor.
"""
