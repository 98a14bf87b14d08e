"""The outbox: everything that leaves Disclose (DESIGN.md).

Emails to requestors and staff, alerts to administrators, and entries for the
council's record system are written here inside the transaction of the step
that causes them (queue.py), and delivered by the worker (delivery.py, run by
`disclose run-worker`), never by the web process. Delivery is at least once:
each item carries an idempotency key (an email's Message-ID, an entry's id)
so the receiving side can recognise a repeat.
"""
