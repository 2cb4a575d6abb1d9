"""Widgets every app's forms share."""

from django import forms

# The browser's date picker; ISO format, which is what it sends and expects back.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
