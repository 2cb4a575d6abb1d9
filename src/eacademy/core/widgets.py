"""Widgets every app's forms share."""

from django import forms

# The browser's date picker; ISO format, which is what it sends and expects back.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The browser's date-and-time picker, in the format it sends and expects back.
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
