"""What the enrollment lifecycle tells apps above it, without knowing them."""

from django.dispatch import Signal

# Sent after the commit that completed an enrollment; argument: enrollment_id.
enrollment_completed = Signal()
